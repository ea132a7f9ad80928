package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.sandbox.Sandbox;
import org.channelbridge.sandbox.SandboxSettings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sandbox as the peer of a flow test: started on free ports, seen by the test through its ChannelAdvisor API
 * and its admin API with a plain HTTP client (never the bridge's own client), and the property overrides that
 * point the bridge at it.
 */
public final class SandboxPeer implements AutoCloseable {

    public static final String READY_FILTER = "PaymentStatus eq 'Cleared' and (CheckoutStatus eq 'Completed' or "
            + "CheckoutStatus eq 'CompletedAndVisited' or CheckoutStatus eq 'CompletedOffline') and (ShippingStatus eq "
            + "'Unshipped' or ShippingStatus eq 'PendingShipment' or ShippingStatus eq 'PartiallyShipped')";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Sandbox sandbox;
    private final SandboxSettings settings;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxPeer(Sandbox sandbox, SandboxSettings settings) {
        this.sandbox = sandbox;
        this.settings = settings;
    }

    public static SandboxPeer start(Consumer<SandboxSettings> tuning) {
        SandboxSettings settings = new SandboxSettings();
        settings.httpPort = 0;
        settings.ftpPort = 0;
        tuning.accept(settings);
        return new SandboxPeer(Sandbox.start(settings), settings);
    }

    public static SandboxPeer start() {
        return start(s -> { });
    }

    public String url() {
        return sandbox.baseUrl();
    }

    /** The configuration keys that point the bridge at this sandbox. */
    public Map<String, String> bridgeOverrides() {
        SandboxSettings.Application app = settings.primaryApplication();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("channeladvisor.api-url", sandbox.baseUrl());
        keys.put("channeladvisor.application-id", app.id());
        keys.put("channeladvisor.shared-secret", app.secret());
        keys.put("channeladvisor.refresh-token", app.refreshToken());
        keys.put("channeladvisor.profile-id", String.valueOf(settings.profileId));
        keys.put("channeladvisor.ftp-url", "ftp://127.0.0.1:" + sandbox.ftpPort());
        keys.put("channeladvisor.ftp-user", settings.ftpUser);
        keys.put("channeladvisor.ftp-password", settings.ftpPassword);
        keys.put("products.bulk.status-url", sandbox.baseUrl() + "/sandbox/ftp");
        keys.put("sandbox.enabled", "false");
        keys.put("flows.redelivery-delay-ms", "50");
        return keys;
    }

    /** The trust store (PKCS12, password sandbox) with the certificate the sandbox FTP server offers for TLS. */
    public String ftpTrustStore() {
        return sandbox.ftpTrustStore().toString();
    }

    /** The access tokens the sandbox has issued. */
    public java.util.Set<String> accessTokens() {
        return sandbox.issuedAccessTokens();
    }

    public long profileId() {
        return settings.profileId;
    }

    /** A call to the admin API ({@code /sandbox/...}); the answer's JSON (or null when empty). */
    public JsonNode admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** Seeds orders over the given Skus; returns their ids. */
    public List<Long> seedOrders(String requestJson) {
        List<Long> ids = new ArrayList<>();
        admin("POST", "/sandbox/orders", requestJson).path("ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    public JsonNode get(String pathAndQuery) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(absolute(pathAndQuery)))
                .header("Authorization", "Bearer " + token()).header("Accept", "application/json").build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** Every entity of a collection, following each nextLink. */
    public List<JsonNode> all(String pathAndQuery) {
        List<JsonNode> all = new ArrayList<>();
        String next = pathAndQuery;
        while (next != null) {
            JsonNode page = get(next);
            page.path("value").forEach(all::add);
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return all;
    }

    public List<Long> readyUnexportedOrderIds() {
        List<Long> ids = new ArrayList<>();
        all("/v1/Orders?exported=false&$filter=" + encode(READY_FILTER)).forEach(o -> ids.add(o.path("ID").asLong()));
        return ids;
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String token() {
        SandboxSettings.Application app = settings.primaryApplication();
        String basic = Base64.getEncoder().encodeToString((app.id() + ":" + app.secret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + encode(app.refreshToken())))
                .build());
        return parse(response.body()).path("access_token").asText();
    }

    private String absolute(String pathAndQuery) {
        return pathAndQuery.startsWith("http") ? pathAndQuery : sandbox.baseUrl() + pathAndQuery;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the sandbox did not answer " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
