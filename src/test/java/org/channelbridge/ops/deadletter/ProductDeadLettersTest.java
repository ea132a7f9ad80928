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

/** The proof: a bad product is one dead letter; fixed and replayed it is sent once and the letter resolved. */
class ProductDeadLettersTest {

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
        bridge.sql("insert into products (sku, title, retail_price, quantity) values ('OPS-1', 'One', 10, 5)",
                "insert into products (sku, title, retail_price, quantity) values ('OPS-2', 'Two', 10, 5)",
                "insert into products (sku, title, retail_price, quantity) values ('OPS-BAD', 'Bad one', 10, -5)");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @Test
    void aBadProductIsOneDeadLetterThatAFixAndReplaySendOnceAndResolve() throws Exception {
        assertThat(bridge.run("--once").exit()).isZero();
        assertThat(productsInSandbox()).isEqualTo(2);
        assertThat(bridge.column("select state || ' ' || business_key from dead_letters")).containsExactly("OPEN OPS-BAD");
        assertThat(bridge.run("dlq", "show", bridge.column("select id from dead_letters").get(0)).out())
                .contains("quantity -5; ChannelAdvisor needs 0 or more");

        BridgeCommands.Run differs = bridge.run("reconcile");
        assertThat(differs.exit()).isEqualTo(3);
        assertThat(differs.out()).containsPattern("product-differs\\s+OPS-BAD");

        bridge.run("--once");
        assertThat(bridge.column("select attempts || ' ' || state from dead_letters"))
                .as("a second failure of the same product updates its one dead letter").containsExactly("2 OPEN");

        bridge.sql("update products set quantity = 5 where sku = 'OPS-BAD'");
        BridgeCommands.Run replay = bridge.run("dlq", "replay", "--flow", "products");
        assertThat(replay.exit()).as(replay.all()).isZero();
        assertThat(productsInSandbox()).isEqualTo(3);
        assertThat(bridge.column("select state from dead_letters")).containsExactly("RESOLVED");

        String id = bridge.column("select id from dead_letters").get(0);
        assertThat(bridge.run("dlq", "replay", id).exit()).isZero();
        assertThat(productsInSandbox()).as("replaying twice sends once").isEqualTo(3);
        assertThat(bridge.column("select state from dead_letters")).containsExactly("RESOLVED");

        BridgeCommands.Run agreed = bridge.run("reconcile");
        assertThat(agreed.exit()).as(agreed.all()).isZero();
    }

    @Test
    void aChangedProductIsReportedUntilTheProductsFlowSendsIt() throws Exception {
        bridge.sql("update products set quantity = 1 where sku = 'OPS-BAD'");
        bridge.run("--once");
        assertThat(bridge.run("reconcile").exit()).isZero();

        bridge.sql("update products set retail_price = 12.5, quantity = 7 where sku = 'OPS-2'");
        BridgeCommands.Run differs = bridge.run("reconcile");
        assertThat(differs.exit()).isEqualTo(3);
        assertThat(differs.out()).containsPattern("product-differs\\s+OPS-2").contains("RetailPrice").contains("quantity");

        bridge.run("--once");
        assertThat(bridge.run("reconcile").exit()).isZero();
    }

    private long productsInSandbox() {
        return sandbox.get("/v1/Products/$count").asLong();
    }
}
