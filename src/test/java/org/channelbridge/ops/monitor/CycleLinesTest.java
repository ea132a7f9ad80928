package org.channelbridge.ops.monitor;

import ch.qos.logback.classic.Level;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each flow's cycle tells in one INFO line what it did; a cycle with nothing to do is silent at INFO. */
class CycleLinesTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private BridgeCommands bridge;
    private LogCapture cycles;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
        bridge = BridgeCommands.against(sandbox, database.url(), folder, Map.of());
        for (int i = 1; i <= 12; i++) {
            bridge.sql("insert into products (sku, title, retail_price, quantity) values ('CL-" + i + "', 'Bar " + i
                    + "', 15, 10)");
        }
        cycles = new LogCapture("org.channelbridge.cycle");
    }

    @AfterEach
    void stop() {
        cycles.close();
        sandbox.close();
        database.close();
    }

    @Test
    void eachBusyFlowTellsItsCycleInOneLineWithTheCountsSystem2Shows() throws Exception {
        assertThat(bridge.runOnce()).isZero();
        assertThat(info()).anySatisfy(line -> assertThat(line)
                .startsWith("products: 12 changed of 12 read (0 fields, 0 quantities, 12 created), 1 batch, 0 dead letters, "));
        assertThat(info()).as("nothing to do for orders, acks, shipments, refunds").hasSize(1);

        cycles.clear();
        List<Long> orders = sandbox.seedOrders("{\"count\": 5, \"readyOnly\": true, \"skus\": [\"CL-1\", \"CL-2\"]}");
        bridge.sql("update products set title = 'Bar one' where sku = 'CL-1'",
                "update products set quantity = 3 where sku in ('CL-2', 'CL-3')");
        assertThat(bridge.runOnce()).isZero();
        assertThat(bridge.count("select count(*) from orders")).isEqualTo(5);
        assertThat(bridge.count("select count(*) from orders where acked_at is not null")).isEqualTo(5);
        assertThat(info()).anySatisfy(line -> assertThat(line)
                .startsWith("products: 3 changed of 12 read (1 fields, 2 quantities), 1 batch, 0 dead letters, "));
        assertThat(info()).anySatisfy(line -> assertThat(line)
                .startsWith("orders: 5 saved (0 completed past 20 items), 0 already held, 0 dead letters, "));
        assertThat(info()).anySatisfy(line -> assertThat(line).startsWith("acks: 5 exported, 0 dead letters, "));

        cycles.clear();
        bridge.sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, shipped_at) values"
                + " ('CL-S1', " + orders.get(0) + ", 'UPS', 'Ground', '1ZCL1', current_timestamp)");
        bridge.sql("insert into adjustments (id, ca_order_id, kind, reason) values ('CL-A1', " + orders.get(1)
                + ", 'CANCEL', 'BuyerCancelled')");
        assertThat(bridge.runOnce()).isZero();
        assertThat(bridge.column("select status from shipments")).containsExactly("SENT");
        assertThat(info()).anySatisfy(line -> assertThat(line)
                .startsWith("shipments: 1 sent of 1 unsent, 0 dead letters, "));
        assertThat(info()).anySatisfy(line -> assertThat(line)
                .startsWith("refunds: 1 submitted of 1 new, 0 dead letters, "));
        assertThat(info()).as("products, orders and acks had nothing to do").hasSize(2);
    }

    @Test
    void anOrderThatFailsAgainTheSameWayAddsAnAttemptWithoutAnotherWarning() throws Exception {
        bridge.runOnce();
        sandbox.seedOrders("{\"count\": 2, \"readyOnly\": true, \"skus\": [\"NOT-IN-SYSTEM2\"]}");
        try (LogCapture warnings = new LogCapture("org.channelbridge.ops.deadletter.DeadLetterStore")) {
            bridge.runOnce();
            assertThat(warnings.lines(Level.WARN)).hasSize(2);
            cycles.clear();

            bridge.runOnce();
            bridge.runOnce();

            assertThat(warnings.lines(Level.WARN)).as("a known failure is not news").hasSize(2);
        }
        assertThat(bridge.column("select attempts || ' ' || state from dead_letters")).containsExactly("3 OPEN", "3 OPEN");
        assertThat(cycles.lines(Level.DEBUG)).anySatisfy(line -> assertThat(line)
                .startsWith("orders: 0 saved (0 completed past 20 items), 0 already held, 0 dead letters,"
                        + " 2 held back by open dead letters, "));
        assertThat(info()).as("a cycle that only met known failures is quiet").isEmpty();
    }

    @Test
    void aProductChannelAdvisorRefusedIsNotSentAgainUntilItsRowChanges() throws Exception {
        bridge.runOnce();
        BridgeCommands refused = BridgeCommands.against(sandbox, database.url(), folder.resolve("refused"),
                Map.of("products.distribution-center-id", "77"));
        bridge.sql("update products set quantity = 4 where sku in ('CL-1', 'CL-2')");
        refused.runOnce();
        assertThat(bridge.column("select attempts || ' ' || state || ' ' || last_status from dead_letters"))
                .as("ChannelAdvisor refused the unknown distribution center").containsExactly("1 OPEN 400", "1 OPEN 400");
        long requests = sandboxRequests();

        cycles.clear();
        refused.runOnce();
        assertThat(sandboxRequests()).as("nothing sent for the held-back products").isEqualTo(requests);
        assertThat(cycles.lines(Level.DEBUG)).anySatisfy(line -> assertThat(line)
                .contains("2 held back by open dead letters"));
        assertThat(bridge.column("select attempts from dead_letters")).containsExactly("1", "1");

        bridge.sql("update products set quantity = 6 where sku = 'CL-1'");
        refused.runOnce();
        assertThat(bridge.column("select business_key || ' ' || attempts from dead_letters order by business_key"))
                .as("a changed row goes again").containsExactly("CL-1 2", "CL-2 1");
    }

    /** Product calls and $batch requests the sandbox answered. */
    private long sandboxRequests() {
        long[] n = {0};
        sandbox.admin("GET", "/sandbox/stats", null).path("requests").fields().forEachRemaining(endpoint -> {
            if (endpoint.getKey().contains("Product") || endpoint.getKey().contains("$batch")) {
                endpoint.getValue().forEach(count -> n[0] += count.asLong());
            }
        });
        return n[0];
    }

    private List<String> info() {
        return cycles.lines(Level.INFO);
    }
}
