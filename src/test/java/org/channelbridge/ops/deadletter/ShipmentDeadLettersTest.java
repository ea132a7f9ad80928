package org.channelbridge.ops.deadletter;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A shipment with a carrier ChannelAdvisor does not know: one dead letter; fixed and replayed, it ships once. */
class ShipmentDeadLettersTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private BridgeCommands bridge;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
        bridge = BridgeCommands.against(sandbox, database.url(), folder, Map.of());
        bridge.sql("insert into products (sku, title, retail_price, quantity) values ('SHIP-1', 'Shipped', 10, 50)");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @Test
    void aFixedShipmentReplayedTwiceShipsOnceAndResolvesItsDeadLetter() throws Exception {
        long order = sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"SHIP-1\"]}").get(0);
        bridge.run("--once");
        bridge.sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, shipped_at) values"
                + " ('SH-BAD', " + order + ", 'Pigeon', 'Express', '1ZBAD', current_timestamp)");
        bridge.run("--once");
        assertThat(bridge.column("select state || ' ' || business_key from dead_letters")).containsExactly("OPEN SH-BAD");

        bridge.sql("update shipments set carrier = 'UPS', shipping_class = 'Ground' where id = 'SH-BAD'");
        BridgeCommands.Run replay = bridge.run("dlq", "replay", "--flow", "shipments");
        assertThat(replay.exit()).as(replay.all()).isZero();
        String id = bridge.column("select id from dead_letters").get(0);
        assertThat(bridge.run("dlq", "replay", id).exit()).isZero();

        assertThat(bridge.column("select status from shipments")).containsExactly("SENT");
        assertThat(bridge.column("select state from dead_letters")).containsExactly("RESOLVED");
        assertThat(sandbox.get("/v1/Orders(" + order + ")?$expand=Fulfillments").path("Fulfillments").findValuesAsText(
                "SellerFulfillmentID")).containsOnlyOnce("SH-BAD");
    }
}
