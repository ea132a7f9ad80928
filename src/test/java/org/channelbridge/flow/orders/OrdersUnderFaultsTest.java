package org.channelbridge.flow.orders;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever ChannelAdvisor throws at the orders and acks flows, no order is lost and none is saved twice. */
class OrdersUnderFaultsTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start(s -> s.orderPageSize = 10);
        database = TestDatabases.h2();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"rate\": 0.3, \"status\": 429, \"path\": \"/v1/Orders\"}",
            "{\"rate\": 0.3, \"status\": 429, \"retryAfter\": 1, \"path\": \"/v1/Orders\"}",
            "{\"rate\": 0.3, \"status\": 500, \"path\": \"/v1/Orders\"}",
            "{\"rate\": 0.3, \"status\": 406, \"path\": \"/v1/Orders\"}",
            "{\"rate\": 0.2, \"reset\": true, \"path\": \"/v1/Orders\"}",
            "{\"next\": 1, \"status\": 401, \"path\": \"/v1/Orders\"}"})
    void everyReadyOrderIsSavedOnceAndExportedDespite(String fault) throws Exception {
        BridgeCommands bridge = BridgeCommands.against(sandbox, database, folder, Map.of(
                "orders.max-redeliveries", "12",
                "acks.max-redeliveries", "12",
                "channeladvisor.page-retries", "12",
                "channeladvisor.page-retry-delay-ms", "20",
                "channeladvisor.max-pause-seconds", "1"));
        bridge.insertProducts(List.of("F-1", "F-2", "F-3"));
        sandbox.seedOrders("{\"count\": 40, \"skus\": [\"F-1\", \"F-2\", \"F-3\"]}");
        List<Long> ready = sandbox.readyUnexportedOrderIds();
        sandbox.admin("POST", "/sandbox/faults", fault);

        assertThat(bridge.runOnce()).as(bridge.log()).isZero();

        sandbox.admin("DELETE", "/sandbox/faults", null);
        assertThat(bridge.query("select ca_order_id from orders")).as(bridge.log())
                .containsExactlyInAnyOrderElementsOf(ready);
        assertThat(bridge.count("select count(*) from orders where acked_at is null")).isZero();
        assertThat(sandbox.readyUnexportedOrderIds()).isEmpty();
        assertThat(bridge.count("select count(*) from dead_letters")).isZero();
    }
}
