package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.sandbox.Sandbox;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar killed (SIGKILL) while its creates or updates are in flight, then run again: no product twice,
 * none left holding values System2 no longer has.
 */
class ProductsCrashIT {

    @TempDir
    Path folder;

    @Test
    void aCrashBetweenTheCreateAndStoringItsIdLeavesNoDuplicateProductAfterTheRestart() throws Exception {
        Sandbox sandbox = startSandbox();
        // every request waits 2 s before the sandbox applies it: the kill lands while creates are on the wire
        fault(sandbox, "{\"latencyMs\":2000}");
        try (TestDatabases.Fresh database = TestDatabases.postgres();
             System2Database db = System2Database.open(database.url(), database.user(), database.password(), 2)) {
            db.migrate();
            try (Connection c = db.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                    "insert into products (sku, title, retail_price, quantity) values (?, ?, 10, 5)")) {
                for (int i = 1; i <= 12; i++) {
                    insert.setString(1, "CRASH-" + i);
                    insert.setString(2, "Crash product " + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            Map<String, String> env = bridgeFolder(sandbox, database);

            try (BridgeProcess first = BridgeProcess.start(folder, env, "--once")) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> count(db, "select count(*) from sync_state where state = 'CREATING'") > 0);
                // the intent is recorded before the batch goes out; every answer takes 2 s: killed now, the creates'
                // outcome is unknown to the bridge
                first.kill();
            }
            // the crash left create intents without IDs (whether the sandbox applied the creates on the wire or not)
            // the kill can come too late (timing of a separate process): then this run proves nothing and says so
            Assumptions.assumeTrue(count(db, "select count(*) from sync_state where state = 'CREATING'") > 0,
                    "the bridge finished its creates before it was killed");

            try (BridgeProcess second = BridgeProcess.start(folder, env, "--once")) {
                assertThat(second.waitForExit(Duration.ofMinutes(3))).as(second.output()).isZero();
            }

            assertThat(sandboxProductCount(sandbox)).isEqualTo(12);
            assertThat(count(db, "select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(12);
        } finally {
            sandbox.close();
        }
    }

    @Test
    void anUpdateOnTheWireAtACrashIsSentWholeAfterTheRestartThoughSystem2WentBackMeanwhile() throws Exception {
        Sandbox sandbox = startSandbox();
        try (TestDatabases.Fresh database = TestDatabases.postgres();
             System2Database db = System2Database.open(database.url(), database.user(), database.password(), 2)) {
            db.migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                for (int i = 1; i <= 12; i++) {
                    s.addBatch("insert into products (sku, title, retail_price, quantity) values ('WIRE-" + i
                            + "', 'Wire product " + i + "', 10, 5)");
                    s.addBatch("insert into product_attributes (sku, name, value) values ('WIRE-" + i
                            + "', 'Colour', 'Blue')");
                }
                s.executeBatch();
            }
            Map<String, String> env = bridgeFolder(sandbox, database);
            try (BridgeProcess created = BridgeProcess.start(folder, env, "--once")) {
                assertThat(created.waitForExit(Duration.ofMinutes(3))).as(created.output()).isZero();
            }
            assertThat(sandboxColours(sandbox)).hasSize(12).doesNotContainValue("Green");

            // System2 turns every product Green; every answer of the sandbox now takes 2 s, so the kill lands while
            // the update is on the wire and the sandbox applies it after the bridge is gone
            fault(sandbox, "{\"latencyMs\":2000}");
            sql(db, "update product_attributes set value = 'Green'");
            try (BridgeProcess first = BridgeProcess.start(folder, env, "--once")) {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> count(db, "select count(*) from sync_state where state = 'SENDING'") > 0
                                && inFlight(sandbox) > 0);
                first.kill();
            }
            Assumptions.assumeTrue(count(db, "select count(*) from sync_state where state = 'SENDING'") > 0,
                    "the bridge recorded its updates before it was killed");
            await().atMost(Duration.ofSeconds(30)).until(() -> sandboxColours(sandbox).containsValue("Green"));
            await().atMost(Duration.ofSeconds(30)).until(() -> inFlight(sandbox) == 0);
            // and System2 goes back to what sync_state still records as sent
            sql(db, "update product_attributes set value = 'Blue'");
            fault(sandbox, null);

            try (BridgeProcess second = BridgeProcess.start(folder, env, "--once")) {
                assertThat(second.waitForExit(Duration.ofMinutes(3))).as(second.output()).isZero();
            }

            assertThat(sandboxColours(sandbox)).hasSize(12).doesNotContainValue("Green");
            assertThat(count(db, "select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(12);
        } finally {
            sandbox.close();
        }
    }

    private static Sandbox startSandbox() throws Exception {
        SandboxSettings settings = new SandboxSettings();
        settings.httpPort = 0;
        settings.ftpPort = 0;
        return Sandbox.start(settings);
    }

    /** The bridge's folder (the shipped config and routes) and the environment that points it at both peers. */
    private Map<String, String> bridgeFolder(Sandbox sandbox, TestDatabases.Fresh database) throws Exception {
        Files.createDirectories(folder.resolve("config"));
        Files.copy(Path.of("config/application.properties"), folder.resolve("config/application.properties"));
        copyRoutes(folder.resolve("routes"));
        return Map.of("CA_API_URL", sandbox.baseUrl(), "CA_APPLICATION_ID", "sandbox-app",
                "CA_SHARED_SECRET", "sandbox-secret", "CA_REFRESH_TOKEN", "sandbox-refresh-token",
                "CA_PROFILE_ID", "12345", "SYSTEM2_JDBC_URL", database.url(), "SYSTEM2_JDBC_USER", database.user(),
                "SYSTEM2_JDBC_PASSWORD", database.password());
    }

    /** Adds a fault (or, with null, clears them all) through the sandbox's admin API. */
    private static void fault(Sandbox sandbox, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
                .header("Content-Type", "application/json");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(json == null ? request.DELETE().build()
                : request.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isLessThan(300);
    }

    private static void sql(System2Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** The requests of the bridge the sandbox has taken in and not yet answered. */
    private static int inFlight(Sandbox sandbox) throws Exception {
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/sandbox/stats")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(stats.body()).path("limits").path("inFlight").path("sandbox-app").asInt();
    }

    /** Sku → the Colour attribute the sandbox holds (its admin dump). */
    private static Map<String, String> sandboxColours(Sandbox sandbox) throws Exception {
        HttpResponse<String> dump = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/sandbox/products")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> colours = new java.util.TreeMap<>();
        new ObjectMapper().readTree(dump.body()).path("value").forEach(p -> p.path("Attributes").forEach(a -> {
            if (a.path("Name").asText().equals("Colour")) {
                colours.put(p.path("Sku").asText(), a.path("Value").asText());
            }
        }));
        return colours;
    }

    private static void copyRoutes(Path target) throws Exception {
        Files.createDirectories(target);
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    private static long count(System2Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every product the sandbox holds, duplicates included (its admin dump, not the Sku-unique API view). */
    private static int sandboxProductCount(Sandbox sandbox) throws Exception {
        HttpResponse<String> dump = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/sandbox/products")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(dump.body()).path("value").size();
    }
}
