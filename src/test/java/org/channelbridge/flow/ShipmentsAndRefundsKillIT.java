package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.ops.BridgeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar killed with SIGKILL at random moments while it ships and adjusts, then restarted: every
 * shipment and adjustment exists exactly once in the sandbox. Restarts: {@code -Dkill.restarts=N} (default 20).
 */
class ShipmentsAndRefundsKillIT {

    private static final int RESTARTS = Integer.getInteger("kill.restarts", 20);

    @TempDir
    Path folder;

    @Test
    void everyShipmentAndAdjustmentExistsExactlyOnceAfterRandomKills() throws Exception {
        try (SandboxPeer sandbox = SandboxPeer.start(s -> s.adjustmentProcessingDelay = java.time.Duration.ofMillis(300))) {
            String dbUrl = "jdbc:h2:file:" + folder.resolve("data/system2").toAbsolutePath();
            Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
            overrides.put("system2.jdbc.url", dbUrl);
            overrides.put("orders.require-known-skus", "false");
            overrides.put("demo.catalog-size", "0");
            overrides.put("flows.redelivery-delay-ms", "200");
            Path config = BridgeConfigFiles.copyWith(folder, overrides);
            List<Long> orders = sandbox.seedOrders("{\"count\":" + 10 + ",\"readyOnly\":true}");
            runToTheEnd(config);

            List<String> shipments = new ArrayList<>();
            List<String> adjustments = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(dbUrl + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE")) {
                for (int i = 0; i < orders.size(); i++) {
                    long order = orders.get(i);
                    long item = firstItem(c, order);
                    boolean severalUnits = Long.parseLong(column(c, "select sum(i.quantity) from order_items i"
                            + " join orders o on o.id = i.order_id where o.ca_order_id = " + order).get(0)) > 1;
                    String first = "K" + i + "a";
                    execute(c, "insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, created_at)"
                            + " values (?, ?, 'UPS', 'Ground', ?, timestamp '2026-01-01 10:00:00')", first, order, "1Z" + first);
                    execute(c, "insert into shipment_items (shipment_id, ca_order_item_id, quantity) values (?, ?, 1)", first, item);
                    shipments.add(first);
                    if (i % 2 == 0 && severalUnits) {
                        String rest = "K" + i + "b";
                        execute(c, "insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, created_at)"
                                + " values (?, ?, 'UPS', 'Ground', ?, timestamp '2026-01-01 11:00:00')", rest, order, "1Z" + rest);
                        shipments.add(rest);
                    } else if (i % 2 == 1) {
                        String refund = "R" + i;
                        execute(c, "insert into adjustments (id, ca_order_id, ca_order_item_id, kind, reason, quantity)"
                                + " values (?, ?, ?, 'REFUND', 'CustomerReturnedItem', 1)", refund, order, item);
                        adjustments.add(refund);
                    }
                }
            }
            sandbox.admin("POST", "/sandbox/faults", "{\"latencyMs\":150}");
            Random random = new Random();
            for (int restart = 0; restart < RESTARTS; restart++) {
                try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--once", "--verbose", "--config", config.toString())) {
                    // once the shipments cycle has begun, at a random moment of the sends and the refunds after them
                    bridge.awaitOutput("shipments: one cycle", Duration.ofSeconds(60));
                    Thread.sleep(random.nextInt(2500));
                    bridge.kill();
                }
            }
            sandbox.admin("POST", "/sandbox/faults", "{\"latencyMs\":0}");
            runToTheEnd(config);

            for (int i = 0; i < orders.size(); i++) {
                JsonNode order = sandbox.get("/v1/Orders(" + orders.get(i) + ")?$expand=Fulfillments,Adjustments");
                for (String id : shipments) {
                    if (id.startsWith("K" + i)) {
                        assertThat(count(order.path("Fulfillments"), "SellerFulfillmentID", id)).as(id).isEqualTo(1);
                    }
                }
                for (String id : adjustments) {
                    if (id.equals("R" + i)) {
                        assertThat(count(order.path("Adjustments"), "SellerAdjustmentID", id)).as(id).isEqualTo(1);
                    }
                }
            }
            try (Connection c = DriverManager.getConnection(dbUrl + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE")) {
                assertThat(column(c, "select distinct status from shipments")).containsExactly("SENT");
                assertThat(column(c, "select distinct status from adjustments")).isSubsetOf("SUBMITTED", "COMPLETE");
            }
        }
    }

    private static void runToTheEnd(Path config) throws Exception {
        try (BridgeProcess bridge = BridgeProcess.start(config.getParent().getParent(), Map.of(),
                "--once", "--config", config.toString())) {
            assertThat(bridge.waitForExit(Duration.ofMinutes(2))).as(bridge.output()).isZero();
        }
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

    private static long firstItem(Connection c, long orderId) throws SQLException {
        return Long.parseLong(column(c, "select i.ca_order_item_id from order_items i join orders o on o.id = i.order_id"
                + " where o.ca_order_id = " + orderId + " order by i.ca_order_item_id").get(0));
    }

    private static void execute(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static List<String> column(Connection c, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
