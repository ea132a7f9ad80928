package org.channelbridge.flow.orders;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The orders and acks flows end to end: the sandbox over HTTP, System2 on H2, PostgreSQL and MariaDB. */
class OrdersAndAcksFlowTest {

    private static final List<String> SKUS = IntStream.rangeClosed(1, 30).mapToObj(i -> "ORD-" + i).toList();

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;

    @BeforeEach
    void startSandbox() {
        sandbox = SandboxPeer.start(s -> s.orderPageSize = 20);
    }

    @AfterEach
    void stop() {
        sandbox.close();
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void readyOrdersAreSavedOnceWithEveryItemAndExportedWhileOthersAreNotTouched(String vendor) throws Exception {
        database = switch (vendor) {
            case "postgresql" -> TestDatabases.postgres();
            case "mariadb" -> TestDatabases.mariadb();
            default -> TestDatabases.h2();
        };
        BridgeCommands bridge = BridgeCommands.against(sandbox, database, folder, Map.of());
        bridge.insertProducts(SKUS);
        sandbox.seedOrders("{\"count\": 70, \"withManyItems\": 3, \"skus\": "
                + SKUS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]")) + "}");
        List<Long> ready = sandbox.readyUnexportedOrderIds();
        List<Long> unexportedBefore = ids(sandbox.all("/v1/Orders?exported=false"));
        assertThat(ready).isNotEmpty().hasSizeLessThan(70);

        assertThat(bridge.runOnce()).as(bridge.log()).isZero();

        assertThat(bridge.query("select ca_order_id from orders")).containsExactlyInAnyOrderElementsOf(ready);
        assertThat(bridge.count("select count(*) from orders where acked_at is null")).isZero();
        assertThat(sandbox.readyUnexportedOrderIds()).isEmpty();
        List<Long> notReady = new ArrayList<>(unexportedBefore);
        notReady.removeAll(ready);
        assertThat(ids(sandbox.all("/v1/Orders?exported=false"))).containsExactlyInAnyOrderElementsOf(notReady);
        for (long id : ready) {
            int itemsInSandbox = sandbox.get("/v1/Orders(" + id + ")?$expand=Items").path("Items").size();
            assertThat(bridge.count("select count(*) from order_items i join orders o on o.id = i.order_id"
                    + " where o.ca_order_id = " + id)).as("items of order %d", id).isEqualTo(itemsInSandbox);
        }
        assertThat(bridge.count("select max(c) from (select count(*) c from order_items group by order_id) x"))
                .as("an order with more than 20 items arrives whole").isGreaterThan(20L);

        assertThat(bridge.runOnce()).isZero();
        assertThat(bridge.query("select ca_order_id from orders")).hasSameSizeAs(ready);
    }

    @org.junit.jupiter.api.Test
    void anOrderForASkuSystem2DoesNotKnowIsOneDeadLetterAndIsNeverAcknowledgedWhileTheOthersGoOn() throws Exception {
        database = TestDatabases.h2();
        BridgeCommands bridge = BridgeCommands.against(sandbox, database, folder, Map.of());
        bridge.insertProducts(SKUS);
        sandbox.seedOrders("{\"count\": 12, \"readyOnly\": true, \"unknownSkus\": 2, \"skus\": "
                + SKUS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]")) + "}");
        List<Long> ready = sandbox.readyUnexportedOrderIds();

        assertThat(bridge.runOnce()).as(bridge.log()).isZero();

        assertThat(bridge.count("select count(*) from orders")).isEqualTo(ready.size() - 2);
        assertThat(bridge.count("select count(*) from orders where acked_at is null")).isZero();
        assertThat(sandbox.readyUnexportedOrderIds()).hasSize(2);
        assertThat(bridge.count("select count(*) from dead_letters where flow = 'orders' and state = 'OPEN'"
                + " and message like '%which System2''s products table does not hold.'")).isEqualTo(2);

        assertThat(bridge.runOnce()).isZero();
        assertThat(bridge.count("select count(*) from dead_letters where flow = 'orders'"))
                .as("a second failure of the same order updates its dead letter").isEqualTo(2);
        assertThat(bridge.count("select max(attempts) from dead_letters where flow = 'orders'")).isEqualTo(2);
    }

    private static List<Long> ids(List<JsonNode> entities) {
        return entities.stream().map(e -> e.path("ID").asLong()).toList();
    }
}
