package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.sandbox.Sandbox;
import org.channelbridge.sandbox.SandboxSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The sandbox started for a test, reached over plain HTTP as any client would: the API and its admin API. */
public final class SandboxPeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final SandboxSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    private SandboxPeer(Sandbox sandbox, SandboxSettings settings) {
        this.sandbox = sandbox;
        this.settings = settings;
    }

    /** A sandbox on free ports whose adjustments finish after {@code adjustmentDelayMillis}. */
    public static SandboxPeer start(long adjustmentDelayMillis) {
        SandboxSettings settings = new SandboxSettings();
        settings.httpPort = 0;
        settings.ftpPort = 0;
        settings.adjustmentProcessingDelay = Duration.ofMillis(adjustmentDelayMillis);
        return new SandboxPeer(Sandbox.start(settings), settings);
    }

    /** The keys that point the bridge at this sandbox. */
    public Map<String, String> bridgeSettings() {
        SandboxSettings.Application app = settings.primaryApplication();
        return Map.of("channeladvisor.api-url", sandbox.baseUrl(), "channeladvisor.application-id", app.id(),
                "channeladvisor.shared-secret", app.secret(), "channeladvisor.refresh-token", app.refreshToken(),
                "channeladvisor.profile-id", String.valueOf(settings.profileId),
                "channeladvisor.ftp-url", "ftp://127.0.0.1:" + sandbox.ftpPort());
    }

    public Map<String, String> bridgeEnvironment() {
        SandboxSettings.Application app = settings.primaryApplication();
        return Map.of("CA_API_URL", sandbox.baseUrl(), "CA_APPLICATION_ID", app.id(), "CA_SHARED_SECRET", app.secret(),
                "CA_REFRESH_TOKEN", app.refreshToken(), "CA_PROFILE_ID", String.valueOf(settings.profileId),
                "CA_FTP_URL", "ftp://127.0.0.1:" + sandbox.ftpPort());
    }

    public long profileId() {
        return settings.profileId;
    }

    /** New ready-to-ship orders; answers their IDs. */
    public List<Long> seedReadyOrders(int count) throws IOException, InterruptedException {
        JsonNode answer = send("POST", "/sandbox/orders", "{\"count\":" + count + ",\"readyOnly\":true}", false);
        List<Long> ids = new ArrayList<>();
        answer.path("ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    public void fault(String json) throws IOException, InterruptedException {
        send("POST", "/sandbox/faults", json, false);
    }

    public void clearFaults() throws IOException, InterruptedException {
        send("DELETE", "/sandbox/faults", null, false);
    }

    /** The order as the API returns it, with fulfillments and adjustments. */
    public JsonNode order(long id) throws IOException, InterruptedException {
        return send("GET", "/v1/Orders(" + id + ")?$expand=Items,Fulfillments($expand=Items),Adjustments", null, true);
    }

    private JsonNode send(String method, String path, String body, boolean api) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (api) {
            request.header("Authorization", "Bearer " + token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private String token() throws IOException, InterruptedException {
        if (token == null) {
            SandboxSettings.Application app = settings.primaryApplication();
            String basic = Base64.getEncoder().encodeToString((app.id() + ":" + app.secret()).getBytes(StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth2/token"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + app.refreshToken()))
                    .build();
            token = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();
        }
        return token;
    }

    @Override
    public void close() {
        try {
            sandbox.close();
        } catch (UnsupportedOperationException e) {
            // MINA FtpServer 1.2.1 refuses to dispose its listener map on stop; the sockets are closed by then.
        }
    }
}
