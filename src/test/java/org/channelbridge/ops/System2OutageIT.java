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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The System2 database goes away for a while (maintenance, a fail-over) under a running bridge that has orders to
 * save, then comes back. The server is the test's own, so that stopping it disturbs nothing else.
 * {@code -Doutage.seconds=N} sets how long it stays down (default 16, to keep CI short; an operator's 60 behaves
 * the same: run with -Doutage.seconds=60).
 */
class System2OutageIT {

    private static final List<String> SKUS = IntStream.rangeClosed(1, 10).mapToObj(i -> "OUT-" + i).toList();
    private static final int OUTAGE_SECONDS = Integer.getInteger("outage.seconds", 16);

    @TempDir
    Path folder;

    @Test
    void ordersArriveWhilePostgresIsDownAreSavedAndAcknowledgedOnceAfterIt() throws Exception {
        try (OwnDatabaseServer server = OwnDatabaseServer.postgres()) {
            survivesAnOutageOf(server);
        }
    }

    @Test
    void ordersArriveWhileMariaDbIsDownAreSavedAndAcknowledgedOnceAfterIt() throws Exception {
        try (OwnDatabaseServer server = OwnDatabaseServer.mariadb()) {
            survivesAnOutageOf(server);
        }
    }

    private void survivesAnOutageOf(OwnDatabaseServer server) throws Exception {
        int managementPort = freePort();
        try (SandboxPeer sandbox = SandboxPeer.start()) {
            BridgeCommands system2 = BridgeCommands.against(sandbox, server.fresh(), folder, Map.of(
                    "orders.cron", "0/5 * * * * ?", "acks.cron", "2/5 * * * * ?",
                    "shipments.cron", "3/5 * * * * ?", "refunds.cron", "4/5 * * * * ?",
                    // the products cycle runs once after start only: a cycle the database drops in mid-stream is
                    // not this test's subject (its batch step can still log one stack trace, see the README)
                    "products.cron", "0 0 0 1 1 ? 2099",
                    "camel.management.port", String.valueOf(managementPort)));
            system2.insertProducts(SKUS);
            String skus = SKUS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
            String fiveOrders = "{\"count\": 5, \"readyOnly\": true, \"skus\": " + skus + "}";
            List<Long> seeded = new ArrayList<>(sandbox.seedOrders(fiveOrders));
            try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of())) {
                assertThat(Eventually.within(Duration.ofSeconds(90),
                        () -> acked(system2) == 5 || !bridge.isAlive()) && bridge.isAlive())
                        .as(bridge.output()).isTrue();

                // the flows may meet the shutdown while it runs
                int logBefore = bridge.output().length();
                server.stop();
                seeded.addAll(sandbox.seedOrders(fiveOrders));
                Thread.sleep(OUTAGE_SECONDS * 500L);
                String health = get("http://127.0.0.1:" + managementPort + "/observe/health");
                Thread.sleep(OUTAGE_SECONDS * 500L);
                String duringOutage = bridge.output().substring(logBefore);
                assertThat(bridge.isAlive()).as("the bridge runs on while the database is down").isTrue();
                assertThat(health).as("/observe/health while the database is down").contains("DOWN")
                        .contains("System2 database");

                server.start();
                long back = System.nanoTime();
                assertThat(Eventually.within(Duration.ofSeconds(60), () -> acked(system2) == 10))
                        .as("every order saved and acknowledged after the database came back:\n" + bridge.output())
                        .isTrue();
                long resumedSeconds = (System.nanoTime() - back) / 1_000_000_000L;

                assertThat(system2.query("select ca_order_id from orders")).containsExactlyInAnyOrderElementsOf(seeded);
                assertThat(sandbox.readyUnexportedOrderIds()).isEmpty();
                assertThat(system2.count("select count(*) from dead_letters")).as(bridge.output()).isZero();
                List<String> lines = Arrays.asList(duringOutage.split("\\R"));
                assertThat(lines).as("no stack trace while the database is down:\n" + duringOutage)
                        .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
                for (String flow : List.of("orders", "acks", "shipments", "refunds")) {
                    assertThat(lines.stream().filter(l -> l.contains(flow + ": the System2 database cannot be reached")))
                            .as("one line for " + flow + " while the database is down:\n" + bridge.output()).hasSize(1);
                }
                assertThat(resumedSeconds).as("seconds to catch up after the return").isLessThan(30);
            }
        }
    }

    private static long acked(BridgeCommands system2) {
        return system2.countOrMinusOne("select count(*) from orders where acked_at is not null");
    }

    /** The answer, or why none came within 15 s (a health check must not wait for the pool's timeout). */
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
