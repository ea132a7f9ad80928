package org.channelbridge.ops;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ChannelAdvisor unreachable for a while under a running bridge — first the connection refused, then connections
 * that never answer — while shipments wait to be sent and new orders wait to be read. {@code -Doutage.seconds=N}
 * sets how long each half lasts (default 8, to keep CI short; -Doutage.seconds=150 gives the 5 minutes).
 */
class ChannelAdvisorOutageIT {

    private static final List<String> SKUS = IntStream.rangeClosed(1, 10).mapToObj(i -> "CAO-" + i).toList();
    private static final int HALF = Integer.getInteger("outage.seconds", 8);

    @TempDir
    Path folder;

    @Test
    void productsShipmentsAndOrdersWaitingWhileChannelAdvisorIsUnreachableGoThroughAfterItWithoutDeadLetters() throws Exception {
        try (TestDatabases.Fresh database = TestDatabases.postgres();
             SandboxPeer sandbox = SandboxPeer.start();
             ChannelAdvisorLine line = ChannelAdvisorLine.to(URI.create(sandbox.url()).getPort())) {
            BridgeCommands system2 = BridgeCommands.against(sandbox, database, folder, Map.of(
                    "channeladvisor.api-url", line.url(), "channeladvisor.timeout-seconds", "2",
                    "channeladvisor.connect-timeout-seconds", "2",
                    "orders.cron", "0/5 * * * * ?", "acks.cron", "2/5 * * * * ?",
                    "shipments.cron", "3/5 * * * * ?", "refunds.cron", "4/5 * * * * ?",
                    "products.cron", "1/5 * * * * ?",
                    "camel.management.enabled", "false"));
            system2.insertProducts(SKUS);
            String skus = SKUS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
            String threeOrders = "{\"count\": 3, \"readyOnly\": true, \"skus\": " + skus + "}";
            List<Long> seeded = new ArrayList<>(sandbox.seedOrders(threeOrders));
            BridgeProcess bridge = BridgeProcess.start(folder, Map.of());
            try (bridge) {
                String acked = "select count(*) from orders where acked_at is not null";
                assertThat(Eventually.within(Duration.ofSeconds(90),
                        () -> system2.countOrMinusOne(acked) == 3 || !bridge.isAlive()) && bridge.isAlive())
                        .as(bridge.output()).isTrue();

                line.refuse();
                for (long order : seeded) {
                    system2.sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number,"
                            + " shipped_at) values ('S-" + order + "', " + order + ", 'UPS', 'Ground', '1Z" + order
                            + "', current_timestamp)");
                }
                seeded.addAll(sandbox.seedOrders(threeOrders));
                system2.sql("update products set retail_price = 77, updated_at = current_timestamp where sku = 'CAO-1'");
                Thread.sleep(HALF * 1000L);
                line.blackHole();
                int before = line.connections();
                Thread.sleep(HALF * 1000L);
                int duringTimeouts = line.connections() - before;
                assertThat(bridge.isAlive()).as("the bridge runs on while ChannelAdvisor is unreachable").isTrue();
                line.restore();

                assertThat(Eventually.within(Duration.ofSeconds(90),
                        () -> system2.countOrMinusOne("select count(*) from shipments where status = 'SENT'") == 3
                                && system2.countOrMinusOne(acked) == 6 && priceOf(sandbox, "CAO-1") == 77))
                        .as("everything goes through after the return:\n" + bridge.output()).isTrue();
                assertThat(system2.column("select flow || ': ' || message from dead_letters"))
                        .as("no dead letter for the outage alone").isEmpty();
                assertThat(system2.query("select ca_order_id from orders")).containsExactlyInAnyOrderElementsOf(seeded);
                assertThat(sandbox.readyUnexportedOrderIds()).isEmpty();
                for (long order : seeded.subList(0, 3)) {
                    assertThat(sandbox.get("/v1/Orders(" + order + ")?$expand=Fulfillments").path("Fulfillments")
                            .findValuesAsText("TrackingNumber")).as("order " + order + " shipped once")
                            .containsOnlyOnce("1Z" + order);
                }
                // each flow tries a few times per cycle, not in a loop: 4 flows on 5-second cycles
                assertThat(duringTimeouts).as("connections opened in " + HALF + " s of timeouts").isLessThan(
                        HALF * 8);
            } finally {
                java.nio.file.Files.writeString(Path.of("target/channel-advisor-outage-bridge.log"), bridge.output());
            }
        }
    }

    private static double priceOf(SandboxPeer sandbox, String sku) {
        for (var product : sandbox.get("/sandbox/products").path("value")) {
            if (product.path("Sku").asText().equals(sku)) {
                return product.path("RetailPrice").asDouble();
            }
        }
        return -1;
    }
}
