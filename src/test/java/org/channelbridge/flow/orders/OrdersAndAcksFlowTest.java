package org.channelbridge.flow.orders;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final StringWriter log = new StringWriter();

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
        Path config = configWithProducts();
        sandbox.seedOrders("{\"count\": 70, \"withManyItems\": 3, \"skus\": " + jsonList(SKUS) + "}");
        List<Long> ready = sandbox.readyUnexportedOrderIds();
        List<Long> unexportedBefore = ids(sandbox.all("/v1/Orders?exported=false"));
        assertThat(ready).isNotEmpty().hasSizeLessThan(70);

        assertThat(runOnce(config)).as(log.toString()).isZero();

        assertThat(savedOrderIds()).containsExactlyInAnyOrderElementsOf(ready);
        assertThat(query("select count(*) from orders where acked_at is null")).containsExactly(0L);
        assertThat(sandbox.readyUnexportedOrderIds()).isEmpty();
        List<Long> notReady = new ArrayList<>(unexportedBefore);
        notReady.removeAll(ready);
        assertThat(ids(sandbox.all("/v1/Orders?exported=false"))).containsExactlyInAnyOrderElementsOf(notReady);
        for (long id : ready) {
            int itemsInSandbox = sandbox.get("/v1/Orders(" + id + ")?$expand=Items").path("Items").size();
            assertThat(query("select count(*) from order_items i join orders o on o.id = i.order_id where o.ca_order_id = " + id))
                    .as("items of order %d", id).containsExactly((long) itemsInSandbox);
        }
        assertThat(query("select max(c) from (select count(*) c from order_items group by order_id) x").get(0))
                .as("an order with more than 20 items arrives whole").isGreaterThan(20L);

        assertThat(runOnce(config)).isZero();
        assertThat(savedOrderIds()).hasSameSizeAs(ready);
    }

    private Path configWithProducts() throws Exception {
        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("system2.jdbc.user", database.user());
        overrides.put("system2.jdbc.password", database.password());
        Path config = BridgeConfigFiles.copyWith(folder, overrides);
        try (System2Database db = System2Database.open(database.url(), database.user(), database.password(), 1)) {
            db.migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                for (String sku : SKUS) {
                    s.executeUpdate("insert into products (sku, title, retail_price, quantity) values ('" + sku
                            + "', 'Product " + sku + "', 20, 100)");
                }
            }
        }
        return config;
    }

    private int runOnce(Path config) {
        return new CommandLine(new ChannelBridge()).setOut(new PrintWriter(log, true)).setErr(new PrintWriter(log, true))
                .execute("--once", "--config", config.toString());
    }

    private List<Long> savedOrderIds() throws SQLException {
        return query("select ca_order_id from orders order by ca_order_id");
    }

    private List<Long> query(String sql) throws SQLException {
        try (System2Database db = System2Database.open(database.url(), database.user(), database.password(), 1);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values;
        }
    }

    private static List<Long> ids(List<JsonNode> entities) {
        return entities.stream().map(e -> e.path("ID").asLong()).toList();
    }

    private static String jsonList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }
}
