package org.channelbridge.ops;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.system2.OwnDatabaseServer;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.TreeMap;
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
                    // the subject of the test below
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

    /**
     * The database goes away while a products cycle streams the catalog and sends it: the flow says so in one line,
     * without a stack trace, sends what it had read, and the first cycle after the database's return sends the rest;
     * every product is then in ChannelAdvisor once, as System2 holds it.
     */
    @Test
    void aProductsCycleTheDatabaseDropsMidStreamSaysSoOnceAndTheNextCycleSendsTheRest() throws Exception {
        List<String> skus = IntStream.rangeClosed(1, 400).mapToObj(i -> "MID-" + i).toList();
        int managementPort = freePort();
        String never = "0 0 0 1 1 ? 2099";
        try (OwnDatabaseServer server = OwnDatabaseServer.postgres();
             // each request takes 1 s: the first cycle's 40 groups of 10 go out over several seconds, while the
             // catalog is read 10 rows at a time
             SandboxPeer sandbox = SandboxPeer.start(s -> s.latency = Duration.ofSeconds(1))) {
            BridgeCommands system2 = BridgeCommands.against(sandbox, server.fresh(), folder, Map.of(
                    "orders.cron", never, "acks.cron", never, "shipments.cron", never, "refunds.cron", never,
                    "products.cron", "0/5 * * * * ?", "channeladvisor.batch-size", "10", "products.fetch-size", "10", "demo.catalog-size", "0",
                    "camel.management.port", String.valueOf(managementPort)));
            system2.insertProducts(skus);
            try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of())) {
                assertThat(Eventually.within(Duration.ofSeconds(90), () -> batches(sandbox) >= 3 || !bridge.isAlive())
                        && bridge.isAlive()).as(bridge.output()).isTrue();
                int logBefore = bridge.output().length();
                server.stop();
                long sentBeforeTheOutage = batches(sandbox);
                // a product in flight waits for a connection as long as the pool lets it (30 s), then fails
                Eventually.within(Duration.ofSeconds(50), () -> bridge.output().substring(logBefore)
                        .contains("products: the System2 database cannot be reached"));
                Thread.sleep(3_000);
                String duringOutage = bridge.output().substring(logBefore);
                assertThat(bridge.isAlive()).as("the bridge runs on while the database is down").isTrue();
                assertThat(productsInChannelAdvisor(sandbox)).as("the cycle ended before its catalog did").isLessThan(skus.size());

                server.start();
                assertThat(Eventually.within(Duration.ofSeconds(90), () -> system2.countOrMinusOne(
                        "select count(*) from sync_state where state = 'SYNCED'") == skus.size()))
                        .as("every product synced after the database came back:\n" + bridge.output()).isTrue();

                Map<String, JsonNode> held = new TreeMap<>();
                for (JsonNode product : sandbox.all("/v1/Products?profileid=" + sandbox.profileId())) {
                    assertThat(held.put(product.path("Sku").asText(), product))
                            .as("Sku %s twice in ChannelAdvisor", product.path("Sku").asText()).isNull();
                }
                assertThat(held.keySet()).containsExactlyInAnyOrderElementsOf(skus);
                assertThat(held.values()).allSatisfy(product -> {
                    assertThat(product.path("RetailPrice").decimalValue()).isEqualByComparingTo("20");
                    assertThat(product.path("TotalAvailableQuantity").asInt()).isEqualTo(100);
                });
                assertThat(system2.count("select count(*) from dead_letters")).as(bridge.output()).isZero();
                List<String> lines = Arrays.asList(duringOutage.split("\\R"));
                assertThat(lines).as("no stack trace while the database is down (%d batches before it):%n%s",
                        sentBeforeTheOutage, duringOutage).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
                assertThat(lines.stream().filter(l -> l.contains("products: the System2 database cannot be reached")))
                        .as("one line for products while the database is down:%n%s", duringOutage).hasSize(1);
                assertThat(lines.stream().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")))
                        .as("the outage is said once, by the flow:%n%s", duringOutage)
                        .allMatch(l -> l.contains("products: the System2 database cannot be reached"));
            }
        }
    }

    private static long batches(SandboxPeer sandbox) {
        long n = 0;
        for (JsonNode count : sandbox.admin("GET", "/sandbox/stats", null).path("requests").path("POST /v1/$batch")) {
            n += count.asLong();
        }
        return n;
    }

    private static int productsInChannelAdvisor(SandboxPeer sandbox) {
        return sandbox.all("/v1/Products?profileid=" + sandbox.profileId()).size();
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
