package org.channelbridge.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.ops.BridgeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two bridge processes of one profile on a file lock: the leader is killed with SIGKILL while it imports and
 * acknowledges orders, then the new leader while it ships and adjusts. Each time a standby takes over; in the end
 * every ready order is in System2 once and exported, and ChannelAdvisor holds exactly one fulfilment per shipment and
 * one adjustment per adjustment id.
 */
class LeaderFailoverIT {

    @TempDir
    Path folder;

    @Test
    void aStandbyTakesOverEachKilledLeaderAndNothingIsLostOrDoubled() throws Exception {
        try (TwoBridges bridges = new TwoBridges(folder, s -> {
            s.orderPageSize = 10;
            s.latency = Duration.ofMillis(40);
        })) {
            String skus = TwoBridges.SKUS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
            BridgeProcess a = bridges.startJoined(TwoBridges.LEADS);
            BridgeProcess b = bridges.startJoined(TwoBridges.STANDS_BY);
            try {
                // 1. SIGKILL the leader in the middle of importing and acknowledging orders
                bridges.sandbox.seedOrders("{\"count\": 60, \"withManyItems\": 1, \"skus\": " + skus + "}");
                Set<Long> ready = new HashSet<>(bridges.sandbox.readyUnexportedOrderIds());
                assertThat(within(Duration.ofSeconds(60), () -> count(bridges, "select count(*) from orders") > 0))
                        .as(a.output()).isTrue();
                long acked = count(bridges, "select count(*) from orders where acked_at is not null");
                String atKill = count(bridges, "select count(*) from orders") + " saved, " + acked + " acknowledged";
                a.kill();
                assertThat(acked).as("the kill left orders to save or acknowledge").isLessThan(ready.size());
                long killed = System.nanoTime();
                assertThat(b.awaitOutput(TwoBridges.LEADS, Duration.ofSeconds(30))).as(b.output()).isTrue();
                Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
                assertThat(takeover).as("takeover after the leader's death").isLessThan(Duration.ofSeconds(15));
                assertThat(within(Duration.ofSeconds(90), () -> count(bridges,
                        "select count(*) from orders where acked_at is not null") >= ready.size()))
                        .as("at the kill: " + atKill + "\n" + b.output()).isTrue();
                assertThat(bridges.system2.query("select ca_order_id from orders"))
                        .as("each ready order saved once (at the kill: " + atKill + ")")
                        .containsExactlyInAnyOrderElementsOf(ready);
                assertThat(bridges.sandbox.readyUnexportedOrderIds()).isEmpty();
                assertThat(bridges.management(b, "/observe/health")).contains("this instance is the leader");
                assertThat(bridges.management(b, "/observe/jolokia/read/org.channelbridge:type=leadership/Role"))
                        .contains("\"value\":\"leader\"");

                // 2. SIGKILL the new leader in the middle of its Ships and Adjusts; a fresh standby takes over
                a = bridges.startJoined(TwoBridges.STANDS_BY);
                assertThat(a.awaitOutput("/observe/health", Duration.ofSeconds(30))).as(a.output()).isTrue();
                assertThat(bridges.management(a, "/observe/health")).contains("this instance is the standby");
                bridges.sandbox.admin("POST", "/sandbox/faults", "{\"latencyMs\":150}");
                List<String> shipments = new ArrayList<>();
                List<String> adjustments = new ArrayList<>();
                insertShipmentsAndRefunds(bridges, new ArrayList<>(ready).subList(0, 24), shipments, adjustments);
                assertThat(within(Duration.ofSeconds(60), () -> count(bridges,
                        "select count(*) from shipments where status = 'SENT'") > 0)).as(b.output()).isTrue();
                long sent = count(bridges, "select count(*) from shipments where status = 'SENT'");
                String atSecondKill = sent + " of " + shipments.size() + " shipments sent";
                b.kill();
                assertThat(sent).as("the kill left shipments to send").isLessThan(shipments.size());
                killed = System.nanoTime();
                assertThat(a.awaitOutput(TwoBridges.LEADS, Duration.ofSeconds(30))).as(a.output()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
                bridges.sandbox.admin("POST", "/sandbox/faults", "{\"latencyMs\":0}");
                assertThat(within(Duration.ofSeconds(90), () -> count(bridges,
                        "select count(*) from shipments where status = 'SENT'") == shipments.size()
                        && count(bridges, "select count(*) from adjustments where status in ('SUBMITTED', 'COMPLETE')")
                        == adjustments.size())).as("at the second kill: " + atSecondKill + "\n" + a.output()).isTrue();

                for (Long order : ready) {
                    JsonNode found = bridges.sandbox.get("/v1/Orders(" + order + ")?$expand=Fulfillments,Adjustments");
                    for (JsonNode fulfilment : found.path("Fulfillments")) {
                        if (!fulfilment.hasNonNull("SellerFulfillmentID")) {
                            continue;
                        }
                        String id = fulfilment.path("SellerFulfillmentID").asText();
                        assertThat(count(found.path("Fulfillments"), "SellerFulfillmentID", id))
                                .as("fulfilments of " + id + " (" + atSecondKill + ")").isEqualTo(1);
                    }
                    for (JsonNode adjustment : found.path("Adjustments")) {
                        String id = adjustment.path("SellerAdjustmentID").asText();
                        assertThat(count(found.path("Adjustments"), "SellerAdjustmentID", id))
                                .as("adjustments of " + id).isEqualTo(1);
                    }
                }
                assertThat(fulfilled(bridges, ready)).containsExactlyInAnyOrderElementsOf(shipments);
                assertThat(a.output()).contains("leader: this instance");
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /** One shipment of the first item of each order; every third order also a refund of that item. */
    private static void insertShipmentsAndRefunds(TwoBridges bridges, List<Long> orders, List<String> shipments,
                                                  List<String> adjustments) throws Exception {
        for (int i = 0; i < orders.size(); i++) {
            long order = orders.get(i);
            long item = bridges.system2.query("select i.ca_order_item_id from order_items i join orders o"
                    + " on o.id = i.order_id where o.ca_order_id = " + order + " order by i.ca_order_item_id").get(0);
            String shipment = "F" + i;
            bridges.system2.sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number,"
                    + " created_at) values ('" + shipment + "', " + order + ", 'UPS', 'Ground', '1Z" + shipment
                    + "', timestamp '2026-01-01 10:00:00')",
                    "insert into shipment_items (shipment_id, ca_order_item_id, quantity) values ('" + shipment
                            + "', " + item + ", 1)");
            shipments.add(shipment);
            if (i % 3 == 0) {
                String refund = "A" + i;
                bridges.system2.sql("insert into adjustments (id, ca_order_id, ca_order_item_id, kind, reason,"
                        + " quantity) values ('" + refund + "', " + order + ", " + item
                        + ", 'REFUND', 'CustomerReturnedItem', 1)");
                adjustments.add(refund);
            }
        }
    }

    private static List<String> fulfilled(TwoBridges bridges, Set<Long> orders) {
        List<String> ids = new ArrayList<>();
        for (Long order : orders) {
            bridges.sandbox.get("/v1/Orders(" + order + ")?$expand=Fulfillments").path("Fulfillments")
                    .forEach(f -> {
                        // the order's own fulfilment (the one ChannelAdvisor opens) has no seller id
                        if (f.hasNonNull("SellerFulfillmentID")) {
                            ids.add(f.path("SellerFulfillmentID").asText());
                        }
                    });
        }
        return ids;
    }

    private static long count(JsonNode list, String field, String id) {
        long n = 0;
        for (JsonNode entity : list) {
            if (id.equals(entity.path(field).asText())) {
                n++;
            }
        }
        return n;
    }

    private static long count(TwoBridges bridges, String sql) {
        return bridges.system2.countOrMinusOne(sql);
    }

    static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }
}
