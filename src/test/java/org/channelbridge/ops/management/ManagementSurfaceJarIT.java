package org.channelbridge.ops.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged bridge with its management server on every address (0.0.0.0), over TLS, with a users file: who may
 * do what through Jolokia, what hostile requests get, and that no configured secret can be read anywhere. One
 * bridge start serves every assertion (a start costs seconds).
 */
class ManagementSurfaceJarIT {

    private static final String SECRET = "Sh4red-Secret-mgmt";
    private static final String REFRESH_TOKEN = "R3fresh-Token-mgmt";
    private static final String FTP_PASSWORD = "Ftp-Pa55-mgmt";
    private static final String DB_PASSWORD = "Db-Pa55-mgmt";
    private static final String OPERATOR_PASSWORD = "0perator-Pa55";
    private static final String READER_PASSWORD = "Reader-Pa55";
    private static final String KEYSTORE_PASSWORD = "Keystore-Pa55";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPLAY_ORDERS = "{\"type\":\"exec\",\"mbean\":\"org.channelbridge:type=deadLetters\","
            + "\"operation\":\"replayFlow\",\"arguments\":[\"orders\"]}";

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private HttpClient http;
    private String base;

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start(s -> {
            s.applications = List.of(new SandboxSettings.Application("mgmt-app", SECRET, REFRESH_TOKEN, false));
            // the bridge's FTP password is refused, so the failing upload's messages get their chance to show it
            s.ftpPassword = "another-ftp-password";
        });
        database = TestDatabases.postgres();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @Test
    void onEveryAddressOnlyLoggedInUsersReadOnlyOperatorsReplayAndNoSecretCanBeRead() throws Exception {
        Path keystore = keystore();
        Path users = folder.resolve("management-users.properties");
        Files.writeString(users, String.join("\n",
                "user.ops = " + OPERATOR_PASSWORD + ",operator",
                "user.watch = " + READER_PASSWORD + ",reader",
                "role.operator = *",
                "role.reader = read", ""));
        http = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(10)).build();

        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("channeladvisor.ftp-password", FTP_PASSWORD);
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("system2.jdbc.user", database.user());
        overrides.put("system2.jdbc.password", DB_PASSWORD);   // PostgreSQL here trusts: any password works
        overrides.put("orders.cron", "0/2 * * * * ?");
        overrides.put("acks.cron", "1/2 * * * * ?");
        overrides.put("products.bulk.threshold", "1");
        overrides.put("products.first-cycle-delay-ms", "500");
        overrides.put("ops.health.token-check-seconds", "1");
        overrides.put("camel.health.exposure-level", "full");
        BridgeCommands setup = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), database.url(),
                database.user(), DB_PASSWORD);
        setup.migrate();
        setup.sql("insert into products (sku, title, retail_price, quantity) values ('MG-1', 'Managed', 10, 5)",
                "insert into products (sku, title, retail_price, quantity) values ('MG-2', 'Managed too', 12, 1)");
        sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"MG-1\"]}");
        sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"MG-LATER\"]}");
        int port = freePort();
        base = "https://127.0.0.1:" + port + "/observe";

        BridgeProcess bridge = BridgeProcess.start(folder, Map.of("CAMEL_MANAGEMENT_PORT", String.valueOf(port),
                "MANAGEMENT_HOST", "0.0.0.0", "MANAGEMENT_USERS_FILE", users.toString(),
                "MANAGEMENT_TLS_KEYSTORE", keystore.toString(), "MANAGEMENT_TLS_KEYSTORE_PASSWORD", KEYSTORE_PASSWORD,
                "LOG_LEVEL", "DEBUG"));
        try (bridge) {
            assertThat(bridge.awaitOutput("operations for the operator role only", Duration.ofSeconds(90)))
                    .as(bridge.output()).isTrue();
            await().ignoreExceptions().atMost(Duration.ofSeconds(60)).until(() ->
                    jolokia("watch", READER_PASSWORD, "{\"type\":\"read\",\"mbean\":\"org.channelbridge:type=flows,"
                            + "name=orders\",\"attribute\":\"OpenDeadLetters\"}").path("value").asLong() == 1);

            // who may do what
            assertThat(post(null, null, REPLAY_ORDERS).statusCode()).as("no login").isEqualTo(401);
            assertThat(get(null, null, "/health").statusCode()).as("health without login").isEqualTo(401);
            assertThat(get("ops", "wrong", "/health").statusCode()).as("a wrong password").isEqualTo(401);
            assertThat(post("watch", READER_PASSWORD, REPLAY_ORDERS).statusCode()).as("the reader's replay").isEqualTo(403);
            assertThat(get("watch", READER_PASSWORD, "/jolokia/exec/org.channelbridge:type=deadLetters/replayFlow/orders")
                    .statusCode()).as("the reader's replay by GET").isEqualTo(403);
            // health answers the reader (503: DOWN, as the FTP login is refused)
            assertThat(get("watch", READER_PASSWORD, "/health").statusCode()).isIn(200, 503);
            assertThat(get("watch", READER_PASSWORD, "/metrics").body()).contains("bridge_flow_dead_letters_open");
            assertThat(openDeadLetters()).as("nothing replayed by the refused calls").isEqualTo(1);

            // hostile requests change nothing
            assertThat(jolokia("ops", OPERATOR_PASSWORD, "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\","
                    + "\"attribute\":\"Verbose\",\"value\":true}").path("status").asInt()).isEqualTo(403);
            assertThat(jolokia("ops", OPERATOR_PASSWORD, "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\","
                    + "\"operation\":\"gc\"}").path("status").asInt()).isEqualTo(403);
            assertThat(jolokia("ops", OPERATOR_PASSWORD, "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context="
                    + "channel-bridge,type=context,name=\\\"channel-bridge\\\"\",\"operation\":\"stop()\"}")
                    .path("status").asInt()).isEqualTo(403);
            String huge = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"pad\":\"" + "x".repeat(200_000) + "\"}";
            assertThat(post("ops", OPERATOR_PASSWORD, huge).statusCode()).as("an oversized body").isEqualTo(413);
            assertThat(jolokia("watch", READER_PASSWORD, "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\","
                    + "\"attribute\":\"Verbose\"}").path("value").asBoolean()).isFalse();
            assertThat(jolokia("watch", READER_PASSWORD, "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context="
                    + "channel-bridge,type=context,name=\\\"channel-bridge\\\"\",\"attribute\":\"State\"}")
                    .path("value").asText()).isEqualTo("Started");

            // the operator's replay runs: the order's Sku now exists, so the replayed order is saved
            setup.sql("insert into products (sku, title, retail_price, quantity) values ('MG-LATER', 'Late', 9, 3)");
            HttpResponse<String> replay = post("ops", OPERATOR_PASSWORD, REPLAY_ORDERS);
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(replay.body()).path("status").asInt()).as(replay.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> setup.count("select count(*) from orders") == 2);
            // the JMX reading of System2 is a few seconds fresh at most
            await().atMost(Duration.ofSeconds(30)).until(() -> openDeadLetters() == 0);

            // no secret anywhere: every attribute of every MBean, metrics, health, dead letters, the log
            List<String> secrets = new ArrayList<>(List.of(SECRET, REFRESH_TOKEN, FTP_PASSWORD, DB_PASSWORD,
                    OPERATOR_PASSWORD, READER_PASSWORD, KEYSTORE_PASSWORD));
            secrets.addAll(sandbox.accessTokens());
            assertThat(sandbox.accessTokens()).as("the bridge fetched an access token").isNotEmpty();
            Map<String, String> seen = new LinkedHashMap<>();
            seen.put("MBean attributes", everyAttribute());
            seen.put("/observe/metrics", get("watch", READER_PASSWORD, "/metrics").body());
            seen.put("/observe/health", get("watch", READER_PASSWORD, "/health").body());
            seen.put("dead letters through JMX", jolokia("ops", OPERATOR_PASSWORD, "{\"type\":\"exec\",\"mbean\":"
                    + "\"org.channelbridge:type=deadLetters\",\"operation\":\"list\",\"arguments\":[\"\",false]}").toString());
            seen.put("the dead-letter store", String.join("\n",
                    setup.column("select concat_ws(' | ', flow, business_key, item, message) from dead_letters")));
            String letter = setup.column("select id from dead_letters").get(0);
            seen.put("dlq list and show", setup.run("dlq", "list").all() + setup.run("dlq", "show", letter).all());
            Path report = folder.resolve("reconcile.json");
            seen.put("reconcile", setup.run("reconcile", "--json", report.toString()).all() + Files.readString(report));
            bridge.close();
            seen.put("the log", bridge.output());
            for (Map.Entry<String, String> place : seen.entrySet()) {
                for (String secret : secrets) {
                    assertThat(place.getValue()).as(place.getKey() + " shows a secret").doesNotContain(secret);
                }
            }
            assertThat(seen.get("MBean attributes")).as("the sweep read Camel's endpoints").contains("ftp://");
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nThe bridge's output:\n" + bridge.output(), e);
        }
    }

    @Test
    void aPublicBindWithoutLoginStopsStartUpWithOneSentence() throws Exception {
        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("system2.jdbc.user", database.user());
        BridgeConfigFiles.copyWith(folder, overrides);

        BridgeProcess bridge = BridgeProcess.start(folder, Map.of("CAMEL_MANAGEMENT_PORT", String.valueOf(freePort()),
                "MANAGEMENT_HOST", "0.0.0.0"));
        try (bridge) {
            assertThat(bridge.waitForExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(bridge.output().strip()).isEqualTo("Configuration error: management.host is 0.0.0.0 but the "
                    + "management server has no authentication: set management.users-file (MANAGEMENT_USERS_FILE) "
                    + "or keep management.host at 127.0.0.1.");
        }
    }

    private long openDeadLetters() throws IOException, InterruptedException {
        return jolokia("watch", READER_PASSWORD, "{\"type\":\"read\",\"mbean\":\"org.channelbridge:type=flows,"
                + "name=orders\",\"attribute\":\"OpenDeadLetters\"}").path("value").asLong();
    }

    /** Every readable attribute of every MBean, as Jolokia serializes them for a reader. */
    private String everyAttribute() throws IOException, InterruptedException {
        JsonNode names = jolokia("watch", READER_PASSWORD, "{\"type\":\"search\",\"mbean\":\"*:*\"}").path("value");
        StringBuilder all = new StringBuilder();
        List<String> batch = new ArrayList<>();
        for (JsonNode name : names) {
            batch.add(name.asText());
            if (batch.size() == 50) {
                all.append(readAll(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            all.append(readAll(batch));
        }
        assertThat(names.size()).as("MBeans swept").isGreaterThan(100);
        return all.toString();
    }

    private String readAll(List<String> mbeans) throws IOException, InterruptedException {
        ArrayNode requests = JSON.createArrayNode();
        mbeans.forEach(m -> requests.addObject().put("type", "read").put("mbean", m));
        HttpResponse<String> response = post("watch", READER_PASSWORD, requests.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonNode jolokia(String user, String password, String body) throws IOException, InterruptedException {
        return JSON.readTree(post(user, password, body).body());
    }

    private HttpResponse<String> post(String user, String password, String body) throws IOException, InterruptedException {
        return send(user, password, HttpRequest.newBuilder(URI.create(base + "/jolokia"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String user, String password, String path) throws IOException, InterruptedException {
        return send(user, password, HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> send(String user, String password, HttpRequest.Builder request)
            throws IOException, InterruptedException {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A PKCS12 keystore with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private Path keystore() throws Exception {
        Path store = folder.resolve("management.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "management", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0)
                .as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isTrue();
        return store;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        return ssl;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
