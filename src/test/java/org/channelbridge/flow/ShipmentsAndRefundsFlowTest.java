package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipments and refunds flows run by the command line against the sandbox over HTTP; each database the bridge
 * supports runs these tests through a subclass that names it.
 */
abstract class ShipmentsAndRefundsFlowTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private final Map<String, String> overrides = new HashMap<>();

    /** A fresh, empty System2 database; {@code folder} is the test's own temporary folder. */
    protected abstract TestDatabases.Fresh freshDatabase(Path folder);

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start(s -> s.adjustmentProcessingDelay = java.time.Duration.ofMillis(300));
        database = freshDatabase(folder);
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("system2.jdbc.user", database.user());
        overrides.put("system2.jdbc.password", database.password());
        overrides.put("orders.require-known-skus", "false");
        overrides.put("demo.catalog-size", "0");
        overrides.put("flows.redelivery-delay-ms", "200");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void wholeAndPartialShipmentsLeaveTheirOrdersShippedAndPartiallyShippedWithOneFulfillmentEach() throws Exception {
        List<Long> orders = importOrders(3);
        long partialItem = firstItem(orders.get(1));
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, shipped_at) values"
                + " ('S-whole', ?, 'UPS', 'Ground', '1ZWHOLE', current_timestamp)", orders.get(0));
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, shipped_at) values"
                + " ('S-part', ?, 'fedex', 'home delivery', '1ZPART', current_timestamp)", orders.get(1));
        sql("insert into shipment_items (shipment_id, ca_order_item_id, quantity) values ('S-part', ?, 1)", partialItem);
        boolean partialOfAll = order(orders.get(1)).path("Items").size() == 1
                && order(orders.get(1)).path("Items").get(0).path("Quantity").asInt() == 1;

        run();
        run();

        assertThat(order(orders.get(0)).path("ShippingStatus").asText()).isEqualTo("Shipped");
        assertThat(order(orders.get(1)).path("ShippingStatus").asText())
                .isEqualTo(partialOfAll ? "Shipped" : "PartiallyShipped");
        assertThat(fulfillments(orders.get(0), "S-whole")).hasSize(1);
        JsonNode partial = fulfillments(orders.get(1), "S-part").get(0);
        assertThat(partial.path("ShippingCarrier").asText()).isEqualTo("FedEx");
        assertThat(partial.path("Items").get(0).path("Quantity").asInt()).isEqualTo(1);
        assertThat(column("select status from shipments order by id")).containsExactly("SENT", "SENT");
    }

    @Test
    void cancellationsAndRefundsBecomeOneAdjustmentEachAndReachCompleteInSystem2() throws Exception {
        List<Long> orders = importOrders(2);
        long item = firstItem(orders.get(1));
        sql("insert into adjustments (id, ca_order_id, kind, reason) values ('A-cancel', ?, 'CANCEL', '105')", orders.get(0));
        sql("insert into adjustments (id, ca_order_id, ca_order_item_id, kind, reason, quantity) values"
                + " ('A-item', ?, ?, 'REFUND', 'ItemNotAvailable', 1)", orders.get(1), item);

        run();
        assertThat(column("select status from adjustments order by id")).isSubsetOf("SUBMITTED", "COMPLETE");
        Thread.sleep(800);
        run();

        assertThat(column("select status from adjustments order by id")).containsExactly("COMPLETE", "COMPLETE");
        assertThat(column("select ca_request_status from adjustments order by id")).containsOnly("PostProcessingComplete");
        assertThat(order(orders.get(0)).path("ShippingStatus").asText()).isEqualTo("Canceled");
        assertThat(adjustments(orders.get(0), "A-cancel")).allMatch(a -> a.path("Reason").asText().equals("BuyerCancelled"));
        assertThat(adjustments(orders.get(1), "A-item")).hasSize(1);
    }

    @Test
    void badInputBecomesOneClearDeadLetterEachAndHoldsNothingElseBack() throws Exception {
        List<Long> orders = importOrders(4);
        String insert = "insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number) values (?, ?, ?, ?, ?)";
        sql(insert, "S-unknown-order", 999_999_999L, "UPS", "Ground", "1Z1");
        sql(insert, "S-carrier", orders.get(0), "Pigeon", "Ground", "1Z2");
        sql(insert, "S-class", orders.get(0), "UPS", "Teleport", "1Z3");
        sql(insert, "S-no-tracking", orders.get(0), "UPS", "Ground", "");
        sql(insert, "S-item", orders.get(0), "UPS", "Ground", "1Z4");
        sql("insert into shipment_items (shipment_id, ca_order_item_id, quantity) values ('S-item', 1, 1)");
        sql(insert, "S-too-many", orders.get(0), "UPS", "Ground", "1Z5");
        sql("insert into shipment_items (shipment_id, ca_order_item_id, quantity) values ('S-too-many', ?, 1000)",
                firstItem(orders.get(0)));
        sql(insert, "S-good", orders.get(1), "USPS", "Priority Mail", "9400");
        sql("insert into adjustments (id, ca_order_id, kind, reason) values ('A-reason', ?, 'CANCEL', 'Grumpy')", orders.get(2));
        sql("insert into adjustments (id, ca_order_id, ca_order_item_id, kind, quantity) values"
                + " ('A-too-many', ?, ?, 'CANCEL', 1000)", orders.get(2), firstItem(orders.get(2)));
        sql("insert into adjustments (id, ca_order_id, kind, reason) values ('A-good', ?, 'CANCEL', 'CouldNotShip')", orders.get(3));

        run();

        Map<String, String> letters = deadLetters();
        assertThat(letters).containsOnlyKeys("shipments/S-unknown-order", "shipments/S-carrier", "shipments/S-class",
                "shipments/S-no-tracking", "shipments/S-item", "shipments/S-too-many", "refunds/A-reason",
                "refunds/A-too-many");
        assertThat(letters.get("shipments/S-unknown-order")).contains("999999999").contains("does not know");
        assertThat(letters.get("shipments/S-carrier")).contains("'Pigeon'").contains("UPS, FedEx, USPS, DHL");
        assertThat(letters.get("shipments/S-class")).contains("'Teleport'");
        assertThat(letters.get("shipments/S-no-tracking")).contains("no tracking number");
        assertThat(letters.get("shipments/S-item")).contains("order item 1,").contains("not on");
        assertThat(letters.get("shipments/S-too-many")).contains("ships 1000").contains("left to ship");
        assertThat(letters.get("refunds/A-reason")).contains("'Grumpy'");
        assertThat(letters.get("refunds/A-too-many")).contains("cancel 1000");
        assertThat(column("select status from shipments where id = 'S-good'")).containsExactly("SENT");
        assertThat(column("select status from adjustments where id = 'A-good'")).isSubsetOf("SUBMITTED", "COMPLETE");
        assertThat(column("select distinct status from shipments where id <> 'S-good'")).containsExactly("FAILED");
    }

    @Test
    void aShipmentWaitsUntilItsOrderIsAcknowledgedAndTwoShipmentsOfAnOrderGoInOrder() throws Exception {
        List<Long> orders = importOrders(1);
        sql("update orders set acked_at = null");
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Export$\",\"next\":100,\"status\":503}");
        overrides.put("acks.max-redeliveries", "0");
        long item = firstItem(orders.get(0));
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, created_at) values"
                + " ('S-first', ?, 'UPS', 'Ground', '1ZA', timestamp '2026-01-01 10:00:00')", orders.get(0));
        sql("insert into shipment_items (shipment_id, ca_order_item_id, quantity) values ('S-first', ?, 1)", item);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, created_at) values"
                + " ('S-rest', ?, 'UPS', 'Ground', '1ZB', timestamp '2026-01-01 11:00:00')", orders.get(0));
        run();
        assertThat(column("select status from shipments order by id")).containsExactly("NEW", "NEW");

        sandbox.admin("DELETE", "/sandbox/faults", null);
        sql("delete from camel_messageprocessed where processorname = 'acks'");
        run();

        assertThat(column("select status from shipments order by created_at")).containsExactly("SENT", "SENT");
        JsonNode order = order(orders.get(0));
        assertThat(order.path("ShippingStatus").asText()).isEqualTo("Shipped");
        assertThat(fulfillments(orders.get(0), "S-first").get(0).path("Items").get(0).path("Quantity").asInt()).isEqualTo(1);
        assertThat(fulfillments(orders.get(0), "S-rest")).hasSize(1);
    }

    @Test
    void aShipThatTimedOutAfterChannelAdvisorTookItIsFoundAndNotSentAgain() throws Exception {
        List<Long> orders = importOrders(1);
        long item = firstItem(orders.get(0));
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number) values"
                + " ('S-slow', ?, 'UPS', 'Ground', '1ZSLOW')", orders.get(0));
        sql("insert into shipment_items (shipment_id, ca_order_item_id, quantity) values ('S-slow', ?, 1)", item);
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Ship$\",\"next\":1,\"latencyMs\":2000}");
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Adjust$\",\"next\":1,\"latencyMs\":2000}");
        sql("insert into adjustments (id, ca_order_id, ca_order_item_id, kind, quantity) values"
                + " ('A-slow', ?, ?, 'REFUND', 1)", orders.get(0), item);
        overrides.put("channeladvisor.timeout-seconds", "1");
        overrides.put("flows.redelivery-delay-ms", "2500");

        run();

        assertThat(fulfillments(orders.get(0), "S-slow")).hasSize(1);
        assertThat(adjustments(orders.get(0), "A-slow")).hasSize(1);
        assertThat(column("select status from shipments")).containsExactly("SENT");
        assertThat(column("select status from adjustments")).isSubsetOf("SUBMITTED", "COMPLETE");
    }

    @Test
    void throttledAndUnavailableAnswersAreRetriedAndEachShipmentAndAdjustmentExistsOnce() throws Exception {
        List<Long> orders = importOrders(2);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number) values"
                + " ('S-retry', ?, 'DHL', 'Express', 'JD01')", orders.get(0));
        sql("insert into adjustments (id, ca_order_id, kind, reason) values ('A-retry', ?, 'CANCEL', 'CouldNotShip')",
                orders.get(1));
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Ship$\",\"next\":1,\"status\":429}");
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Ship$\",\"next\":1,\"status\":503}");
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Adjust$\",\"next\":2,\"status\":500}");

        run();

        assertThat(fulfillments(orders.get(0), "S-retry")).hasSize(1);
        assertThat(adjustments(orders.get(1), "A-retry")).isNotEmpty()
                .allMatch(a -> a.path("Reason").asText().equals("CouldNotShip"));
        assertThat(column("select status from shipments")).containsExactly("SENT");
        assertThat(column("select status from adjustments")).allMatch(s -> s.equals("SUBMITTED") || s.equals("COMPLETE"));
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void anAdjustmentChannelAdvisorFailsIsMarkedFailedAndDeadLetteredWithItsStatus() throws Exception {
        List<Long> orders = importOrders(1);
        sandbox.admin("POST", "/sandbox/faults", "{\"next\":1,\"adjustmentStatus\":\"Error\"}");
        sql("insert into adjustments (id, ca_order_id, ca_order_item_id, kind, quantity) values"
                + " ('A-doomed', ?, ?, 'CANCEL', 1)", orders.get(0), firstItem(orders.get(0)));

        run();
        Thread.sleep(800);
        run();

        assertThat(column("select status from adjustments")).containsExactly("FAILED");
        assertThat(column("select ca_request_status from adjustments")).containsExactly("Error");
        assertThat(deadLetters().get("refunds/A-doomed")).contains("ChannelAdvisor reports adjustment A-doomed")
                .contains("as Error");
    }

    @Test
    void adjustmentsEndingInOtherFinalStatusesAreSettledOrFailedInsteadOfFollowedForever() throws Exception {
        List<Long> orders = importOrders(2);
        sandbox.admin("POST", "/sandbox/faults", "{\"next\":1,\"adjustmentStatus\":\"NoChange\"}");
        sandbox.admin("POST", "/sandbox/faults", "{\"next\":1,\"adjustmentStatus\":\"InformationOnly\"}");
        sql("insert into adjustments (id, ca_order_id, ca_order_item_id, kind, quantity) values"
                + " ('A-nochange', ?, ?, 'CANCEL', 1)", orders.get(0), firstItem(orders.get(0)));
        sql("insert into adjustments (id, ca_order_id, ca_order_item_id, kind, quantity) values"
                + " ('A-info', ?, ?, 'CANCEL', 1)", orders.get(1), firstItem(orders.get(1)));

        run();
        Thread.sleep(800);
        run();

        assertThat(column("select status from adjustments where id = 'A-nochange'")).containsExactly("FAILED");
        assertThat(column("select status from adjustments where id = 'A-info'")).containsExactly("COMPLETE");
        assertThat(deadLetters().get("refunds/A-nochange")).contains("as NoChange");
    }

    @Test
    void anAdjustmentNotSettledWithinTheDeadlineBecomesADeadLetterInsteadOfBeingPolledForever() throws Exception {
        List<Long> orders = importOrders(1);
        sandbox.admin("POST", "/sandbox/faults", "{\"next\":1,\"adjustmentStatus\":\"PendingApproval\"}");
        sql("insert into adjustments (id, ca_order_id, ca_order_item_id, kind, quantity) values"
                + " ('A-stuck', ?, ?, 'CANCEL', 1)", orders.get(0), firstItem(orders.get(0)));
        run();
        Thread.sleep(800);
        run();
        assertThat(column("select status from adjustments")).containsExactly("SUBMITTED");

        // as if the adjustment had been submitted three days and an hour ago
        sql("update adjustments set submitted_at = ? where id = 'A-stuck'",
                java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofHours(73))));
        run();

        assertThat(column("select status from adjustments")).containsExactly("FAILED");
        assertThat(deadLetters().get("refunds/A-stuck")).contains("not settled after 72 h").contains("PendingApproval");
        run();
        assertThat(deadLetters()).hasSize(1).as("given up once, not followed again");
    }

    // ------------------------------------------------------------------------------------------------------------

    private JsonNode order(long id) {
        return sandbox.get("/v1/Orders(" + id + ")?$expand=Items,Fulfillments($expand=Items),Adjustments");
    }

    private List<Long> importOrders(int count) throws Exception {
        List<Long> ids = sandbox.seedOrders("{\"count\":" + count + ",\"readyOnly\":true}");
        run();
        assertThat(column("select ca_order_id from orders where acked_at is not null")).hasSize(count);
        return ids;
    }

    private void run() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder.resolve("run" + System.nanoTime()), overrides);
        assertThat(ChannelBridge.execute("--once", "--config", config.toString())).isZero();
    }

    private long firstItem(long orderId) throws SQLException {
        return Long.parseLong(column("select i.ca_order_item_id from order_items i join orders o on o.id = i.order_id"
                + " where o.ca_order_id = " + orderId + " order by i.ca_order_item_id").get(0));
    }

    private List<JsonNode> fulfillments(long orderId, String sellerId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        order(orderId).path("Fulfillments").forEach(f -> {
            if (sellerId.equals(f.path("SellerFulfillmentID").asText())) {
                found.add(f);
            }
        });
        return found;
    }

    private List<JsonNode> adjustments(long orderId, String sellerId) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        order(orderId).path("Adjustments").forEach(a -> {
            if (sellerId.equals(a.path("SellerAdjustmentID").asText())) {
                found.add(a);
            }
        });
        return found;
    }

    private Map<String, String> deadLetters() throws SQLException {
        Map<String, String> letters = new HashMap<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "select flow, business_key, message from dead_letters where state = 'OPEN'")) {
            while (rs.next()) {
                letters.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3));
            }
        }
        return letters;
    }

    private void sql(String statement, Object... values) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private Connection connect() throws SQLException {
        String url = database.url().startsWith("jdbc:h2:")
                ? database.url() + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE" : database.url();
        return DriverManager.getConnection(url, database.user(), database.password());
    }
}
