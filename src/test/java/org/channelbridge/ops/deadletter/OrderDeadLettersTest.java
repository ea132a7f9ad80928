package org.channelbridge.ops.deadletter;

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

/** Dead letters of the orders flow: listed, replayed after the fix, replayed twice, discarded. */
class OrderDeadLettersTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private BridgeCommands bridge;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
        bridge = BridgeCommands.against(sandbox, database.url(), folder, Map.of("orders.max-redeliveries", "0"));
        bridge.sql("insert into products (sku, title, retail_price, quantity) values ('KNOWN-1', 'Known', 10, 5)");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @Test
    void anOrderForAnUnknownSkuIsOneOpenDeadLetterThatReplayResolvesOnceTheProductExists() throws Exception {
        List<Long> orders = sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"LATE-1\"]}");
        long order = orders.get(0);

        assertThat(bridge.run("--once").exit()).isZero();
        BridgeCommands.Run list = bridge.run("dlq", "list", "--open");
        assertThat(list.exit()).as(list.all()).isZero();
        assertThat(list.out()).contains("orders").contains(String.valueOf(order)).contains("LATE-1");

        BridgeCommands.Run early = bridge.run("dlq", "replay", "--flow", "orders");
        assertThat(early.exit()).as("a replay before the fix fails again").isEqualTo(3);
        assertThat(early.out()).contains("FAILED_AGAIN");
        assertThat(bridge.column("select attempts || ' ' || state from dead_letters"))
                .as("still one open dead letter, with one more attempt").containsExactly("2 OPEN");

        bridge.sql("insert into products (sku, title, retail_price, quantity) values ('LATE-1', 'Late', 10, 5)");
        BridgeCommands.Run replay = bridge.run("dlq", "replay", "--flow", "orders");
        assertThat(replay.exit()).as(replay.all()).isZero();
        assertThat(replay.out()).contains("RESOLVED");
        assertThat(bridge.column("select ca_order_id from orders")).containsExactly(String.valueOf(order));
        assertThat(bridge.column("select state from dead_letters")).containsExactly("RESOLVED");
        assertThat(bridge.run("dlq", "list", "--open").out()).contains("0 dead letter(s)");

        String id = bridge.column("select id from dead_letters").get(0);
        assertThat(bridge.run("dlq", "replay", id).exit()).isZero();
        assertThat(bridge.column("select ca_order_id from orders")).as("replaying twice saves once")
                .containsExactly(String.valueOf(order));
    }

    @Test
    void showPrintsTheItemAndDiscardTakesTheDeadLetterOffTheOpenList() throws Exception {
        sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"NEVER-1\"]}");
        bridge.run("--once");
        String id = bridge.column("select id from dead_letters").get(0);

        BridgeCommands.Run show = bridge.run("dlq", "show", id);
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("state:         OPEN").contains("NEVER-1").contains("attempts:      1");

        assertThat(bridge.run("dlq", "discard", id).exit()).isZero();
        assertThat(bridge.run("dlq", "list", "--open").out()).contains("0 dead letter(s)");
        assertThat(bridge.run("dlq", "list").out()).contains("DISCARDED");
        assertThat(bridge.run("dlq", "replay", id).out()).contains("DISCARDED");
        assertThat(bridge.run("dlq", "show", "999999").exit()).isEqualTo(1);
    }
}
