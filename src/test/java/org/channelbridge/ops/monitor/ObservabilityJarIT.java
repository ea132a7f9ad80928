package org.channelbridge.ops.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged bridge running continuously: health, Prometheus metrics and Jolokia on the management port, the
 * Jolokia policy, a revoked refresh token shown as DOWN with its reason, and no secret in its whole log.
 */
class ObservabilityJarIT {

    private static final String SECRET = "Sh4red-Secret-0bs";
    private static final String REFRESH_TOKEN = "R3fresh-Token-0bs";
    private static final String FTP_PASSWORD = "Ftp-Pa55-0bs";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startSandbox() {
        sandbox = SandboxPeer.start(s -> {
            s.applications = List.of(new SandboxSettings.Application("obs-app", SECRET, REFRESH_TOKEN, false));
            s.ftpPassword = FTP_PASSWORD;
        });
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void healthMetricsAndJolokiaAnswerOnTheManagementPortAndNoSecretIsLogged() throws Exception {
        String jdbcUrl = "jdbc:h2:file:" + folder.resolve("data/system2");
        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", jdbcUrl);
        overrides.put("orders.cron", "0/2 * * * * ?");
        overrides.put("acks.cron", "1/2 * * * * ?");
        overrides.put("ops.health.token-check-seconds", "1");
        BridgeCommands setup = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), jdbcUrl, "", "");
        setup.migrate();
        setup.sql("insert into products (sku, title, retail_price, quantity) values ('OBS-1', 'Watched', 10, 5)");
        sandbox.seedOrders("{\"count\": 3, \"readyOnly\": true, \"skus\": [\"OBS-1\"]}");
        sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"OBS-UNKNOWN\"]}");
        int port = freePort();
        String base = "http://127.0.0.1:" + port + "/observe";

        // CAMEL_LOG_LEVEL=INFO: Camel's own line naming the Jolokia access policy is checked below
        BridgeProcess bridge = BridgeProcess.start(folder, Map.of("CAMEL_MANAGEMENT_PORT", String.valueOf(port),
                "LOG_LEVEL", "DEBUG", "CAMEL_LOG_LEVEL", "INFO"));
        try (bridge) {
            assertThat(bridge.awaitOutput("/observe/health", Duration.ofSeconds(60))).as(bridge.output()).isTrue();
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/health").contains("\"UP\""));
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() ->
                    jolokia(base + "/jolokia/read/org.channelbridge:type=flows,name=orders").path("value")
                            .path("ItemsSent").asLong() == 3);
            // JMX readings of System2 are a few seconds fresh at most
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() ->
                    jolokia(base + "/jolokia/read/org.channelbridge:type=flows,name=orders/OpenDeadLetters")
                            .path("value").asLong() == 1);

            JsonNode orders = jolokia(base + "/jolokia/read/org.channelbridge:type=flows,name=orders").path("value");
            assertThat(orders.path("ItemsRead").asLong()).isGreaterThanOrEqualTo(4);
            assertThat(orders.path("OpenDeadLetters").asLong()).isEqualTo(1);
            assertThat(orders.path("TokenRefreshes").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(orders.has("Backlog")).isTrue();
            assertThat(orders.path("LastRun").asText()).isNotEmpty();

            JsonNode write = post(base + "/jolokia", "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\","
                    + "\"attribute\":\"Verbose\",\"value\":true}");
            assertThat(write.path("status").asInt()).isEqualTo(403);
            JsonNode stopCamel = post(base + "/jolokia", "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context="
                    + "channel-bridge,type=context,name=\\\"channel-bridge\\\"\",\"operation\":\"stop()\"}");
            assertThat(stopCamel.path("status").asInt()).isEqualTo(403);
            JsonNode list = post(base + "/jolokia", "{\"type\":\"exec\",\"mbean\":\"org.channelbridge:type=deadLetters\","
                    + "\"operation\":\"list\",\"arguments\":[\"orders\",true]}");
            assertThat(list.path("status").asInt()).isEqualTo(200);
            assertThat(list.path("value").asText()).contains("OBS-UNKNOWN");

            String metrics = get(base + "/metrics");
            // each bridge metric names its ChannelAdvisor profile, also with one
            String profile = "profile=\"" + sandbox.profileId() + "\"";
            assertThat(metrics).contains("bridge_flow_items_total{flow=\"orders\",outcome=\"sent\"," + profile + "} 3.0")
                    .contains("bridge_flow_dead_letters_open{flow=\"orders\"," + profile + "} 1.0")
                    .containsPattern("(?m)^camel_");

            sandbox.admin("POST", "/sandbox/tokens/revoke", null);
            await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> get(base + "/health").contains("DOWN"));
            assertThat(get(base + "/health")).contains("channeladvisor-token").contains("refresh token");

            String log = bridge.output();
            assertThat(log).contains("Using access restrictor: classpath:/jolokia-access.xml")
                    .doesNotContain(SECRET).doesNotContain(REFRESH_TOKEN).doesNotContain(FTP_PASSWORD)
                    .doesNotContain("Bearer ");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nThe bridge's output:\n" + bridge.output(), e);
        }
    }

    @Test
    void healthNamesTheProfileWhoseTokenIsRevokedWhileTheOtherProfileKeepsSyncing() throws Exception {
        String jdbcUrl = "jdbc:h2:file:" + folder.resolve("data/system2");
        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", jdbcUrl);
        overrides.put("channeladvisor.profiles", "us,uk");
        overrides.put("channeladvisor.profile.us.profile-id", "12345");
        overrides.put("channeladvisor.profile.uk.profile-id", "12346");
        overrides.put("channeladvisor.profile.uk.refresh-token", "revoked-refresh-token");
        overrides.put("orders.cron", "0/2 * * * * ?");
        overrides.put("acks.cron", "1/2 * * * * ?");
        overrides.put("ops.health.token-check-seconds", "1");
        BridgeCommands setup = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), jdbcUrl, "", "");
        setup.migrate();
        setup.sql("insert into products (sku, title, retail_price, quantity) values ('OBS-1', 'Watched', 10, 5)");
        sandbox.seedOrders("{\"count\": 2, \"readyOnly\": true, \"skus\": [\"OBS-1\"], \"profileId\": 12345}");
        sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"OBS-1\"], \"profileId\": 12346}");
        int port = freePort();
        String base = "http://127.0.0.1:" + port + "/observe";

        BridgeProcess bridge = BridgeProcess.start(folder, Map.of("CAMEL_MANAGEMENT_PORT", String.valueOf(port)));
        try (bridge) {
            assertThat(bridge.awaitOutput("/observe/health", Duration.ofSeconds(60))).as(bridge.output()).isTrue();
            await().ignoreExceptions().atMost(Duration.ofSeconds(60))
                    .until(() -> get(base + "/health").contains("channeladvisor-token-uk"));
            JsonNode health = JSON.readTree(get(base + "/health?exposureLevel=full"));
            assertThat(health.path("status").asText()).isEqualTo("DOWN");
            Map<String, JsonNode> checks = new HashMap<>();
            health.path("checks").forEach(check -> checks.put(check.path("name").asText(), check));
            assertThat(checks.get("channeladvisor-token-uk").path("status").asText()).isEqualTo("DOWN");
            assertThat(checks.get("channeladvisor-token-uk").path("message").asText())
                    .startsWith("Profile uk (12346): ").contains("refresh token")
                    .doesNotContain("revoked-refresh-token");
            assertThat(checks.get("channeladvisor-token").path("status").asText()).isEqualTo("UP");
            assertThat(checks.get("channeladvisor-ftp").path("status").asText()).isEqualTo("UP");
            assertThat(checks.get("channeladvisor-ftp-uk").path("status").asText()).isEqualTo("UP");

            // the us profile syncs all the while: its orders saved and acknowledged, its MBean counting them
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() -> post(base + "/jolokia",
                    "{\"type\":\"read\",\"mbean\":\"org.channelbridge:type=flows,name=acks,profile=12345\","
                            + "\"attribute\":\"ItemsSent\"}").path("value").asLong() == 2);
            assertThat(post(base + "/jolokia", "{\"type\":\"read\",\"mbean\":\"org.channelbridge:type=flows,"
                    + "name=orders,profile=12346\",\"attribute\":\"ItemsSent\"}").path("value").asLong()).isZero();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nThe bridge's output:\n" + bridge.output(), e);
        }
    }

    private String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private JsonNode jolokia(String url) throws IOException, InterruptedException {
        return JSON.readTree(get(url));
    }

    private JsonNode post(String url, String body) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
