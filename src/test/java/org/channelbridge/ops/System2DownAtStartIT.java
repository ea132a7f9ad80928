package org.channelbridge.ops;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.system2.OwnDatabaseServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge is started while its System2 database is down (a host that boots before its database, a maintenance
 * window). It starts all the same, says once why the database cannot be reached, reports DOWN in /observe/health,
 * and waits; when the database comes, the bridge migrates a schema that was never there and the flows run: orders
 * are saved and acknowledged once. The server is the test's own, never migrated before the bridge meets it.
 */
class System2DownAtStartIT {

    private static final List<String> SKUS = IntStream.rangeClosed(1, 5).mapToObj(i -> "WAIT-" + i).toList();

    @TempDir
    Path folder;

    @Test
    void aBridgeStartedWhilePostgresIsDownWaitsForItThenMigratesAndRunsItsFlows() throws Exception {
        try (OwnDatabaseServer server = OwnDatabaseServer.postgres()) {
            waitsFor(server, "refused");
        }
    }

    @Test
    void aBridgeStartedWhileMariaDbIsDownWaitsForItThenMigratesAndRunsItsFlows() throws Exception {
        try (OwnDatabaseServer server = OwnDatabaseServer.mariadb()) {
            waitsFor(server, "refused");
        }
    }

    @Test
    void onceAndTheCommandsHaveNothingToWaitForAndExitWithOneNamingTheDatabase() throws Exception {
        try (OwnDatabaseServer server = OwnDatabaseServer.postgres(); SandboxPeer sandbox = SandboxPeer.start()) {
            Map<String, String> overrides = new java.util.HashMap<>(sandbox.bridgeOverrides());
            overrides.putAll(Map.of("system2.jdbc.url", server.jdbcUrl(), "system2.jdbc.user", server.user(),
                    "system2.jdbc.password", ""));
            BridgeCommands bridge = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides),
                    server.jdbcUrl(), server.user(), "");
            server.stop();
            for (String[] command : List.of(new String[] {"--once"}, new String[] {"dlq", "list"})) {
                BridgeCommands.Run run = bridge.run(command);
                assertThat(run.exit()).as(String.join(" ", command) + ": " + run.all()).isEqualTo(1);
                assertThat(run.err()).as(String.join(" ", command))
                        .contains("The System2 database cannot be reached: ").contains("refused")
                        .doesNotContain("\tat ");
            }
        }
    }

    private void waitsFor(OwnDatabaseServer server, String driverReason) throws Exception {
        int managementPort = freePort();
        try (SandboxPeer sandbox = SandboxPeer.start()) {
            Map<String, String> overrides = new java.util.HashMap<>(sandbox.bridgeOverrides());
            overrides.putAll(Map.of("system2.jdbc.url", server.jdbcUrl(), "system2.jdbc.user", server.user(),
                    "system2.jdbc.password", "",
                    "orders.cron", "0/5 * * * * ?", "acks.cron", "2/5 * * * * ?",
                    "shipments.cron", "3/5 * * * * ?", "refunds.cron", "4/5 * * * * ?",
                    "camel.management.port", String.valueOf(managementPort)));
            // no migration here: the bridge meets a database that has never had its schema
            BridgeCommands system2 = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides),
                    server.jdbcUrl(), server.user(), "");
            server.stop();

            try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of())) {
                String health = "http://127.0.0.1:" + managementPort + "/observe/health";
                assertThat(Eventually.within(Duration.ofSeconds(90),
                        () -> get(health).contains("System2 database") || !bridge.isAlive()))
                        .as(bridge.output()).isTrue();
                // its routes start with the database still gone (a flow's idempotent repository does not ask for its
                // table as it starts: Camel's did, and the start failed when the pool gave up after 30 s)
                assertThat(Eventually.within(Duration.ofSeconds(60),
                        () -> bridge.output().contains("routes on Apache Camel") || !bridge.isAlive()))
                        .as(bridge.output()).isTrue();
                assertThat(bridge.isAlive()).as("the routes started while the database is down:\n" + bridge.output())
                        .isTrue();
                // two rounds of every flow's cycle (every 5 s) with the database still gone
                Thread.sleep(12_000);
                String whileDown = bridge.output();
                assertThat(bridge.isAlive()).as("the bridge runs on while the database is down:\n" + whileDown)
                        .isTrue();
                assertThat(get(health)).as("/observe/health while the database is down").contains("DOWN")
                        .contains("System2 database").contains(driverReason);
                List<String> lines = Arrays.asList(whileDown.split("\\R"));
                assertThat(lines.stream().filter(l -> l.contains("The System2 database cannot be reached at start")))
                        .as("one line at start says why:\n" + whileDown).hasSize(1)
                        .allMatch(l -> l.contains(driverReason));
                assertThat(lines).as("no stack trace while the database is down:\n" + whileDown)
                        .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));

                server.start();
                assertThat(Eventually.within(Duration.ofSeconds(90),
                        () -> system2.countOrMinusOne("select count(*) from products") >= 0 || !bridge.isAlive()))
                        .as("the bridge migrates the schema once the database answers:\n" + bridge.output())
                        .isTrue();
                system2.insertProducts(SKUS);
                String skus = SKUS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
                List<Long> seeded = sandbox.seedOrders("{\"count\": 5, \"readyOnly\": true, \"skus\": " + skus + "}");
                assertThat(Eventually.within(Duration.ofSeconds(90),
                        () -> system2.countOrMinusOne("select count(*) from orders where acked_at is not null") == 5))
                        .as("every order saved and acknowledged once the database came:\n" + bridge.output())
                        .isTrue();
                assertThat(system2.query("select ca_order_id from orders")).containsExactlyInAnyOrderElementsOf(seeded);
                assertThat(sandbox.readyUnexportedOrderIds()).isEmpty();
                assertThat(system2.count("select count(*) from dead_letters")).as(bridge.output()).isZero();
                assertThat(Eventually.within(Duration.ofSeconds(30), () -> !get(health).contains("System2 database")))
                        .as("/observe/health no longer names the database: " + get(health)).isTrue();
            }
        }
    }

    /** The answer, or why none came within 15 s. */
    private static String get(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
