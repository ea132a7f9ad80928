package org.channelbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone sandbox ({@code java -jar channel-bridge.jar sandbox}) as its own process on free ports, seen
 * through its admin API and, with the demo application's token, its ChannelAdvisor API.
 */
final class SandboxProcess implements AutoCloseable {

    static final String APPLICATION = "sandbox-app";
    static final String SECRET = "sandbox-secret";
    static final String REFRESH_TOKEN = "sandbox-refresh-token";
    static final String PROFILE = "12345";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String url;
    private final int ftpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private SandboxProcess(Process process, String url, int ftpPort) {
        this.process = process;
        this.url = url;
        this.ftpPort = ftpPort;
    }

    static SandboxProcess start(Path jar, Path log, String... options) throws IOException, InterruptedException {
        int port = freePort();
        int ftpPort = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString(), "sandbox", "--port", String.valueOf(port),
                "--ftp-port", String.valueOf(ftpPort)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SandboxProcess sandbox = new SandboxProcess(process, "http://127.0.0.1:" + port, ftpPort);
        for (int i = 0; i < 120; i++) {
            try {
                sandbox.admin("GET", "/sandbox/stats", null);
                return sandbox;
            } catch (IllegalStateException e) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        sandbox.close();
        throw new IllegalStateException("the sandbox did not start; see " + log);
    }

    String url() {
        return url;
    }

    int ftpPort() {
        return ftpPort;
    }

    JsonNode admin(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    /** Every entity of an API collection, following each nextLink (faults must be off). */
    List<JsonNode> all(String pathAndQuery) {
        String token = token();
        List<JsonNode> all = new ArrayList<>();
        String next = pathAndQuery;
        while (next != null) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(next.startsWith("http") ? next : url + next))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").build());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + next + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode page = parse(response.body());
            page.path("value").forEach(all::add);
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return all;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String token() {
        String basic = Base64.getEncoder().encodeToString((APPLICATION + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=" + encode(REFRESH_TOKEN)))
                .build());
        return parse(response.body()).path("access_token").asText();
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
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
