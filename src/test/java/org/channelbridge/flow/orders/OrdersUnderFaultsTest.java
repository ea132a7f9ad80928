package org.channelbridge.flow.orders;

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

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever ChannelAdvisor throws at the orders and acks flows, no order is lost and none is saved twice. */
class OrdersUnderFaultsTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private final StringWriter log = new StringWriter();

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
        Path config = configWithProducts(List.of("F-1", "F-2", "F-3"));
        sandbox.seedOrders("{\"count\": 60, \"skus\": [\"F-1\", \"F-2\", \"F-3\"]}");
        List<Long> ready = sandbox.readyUnexportedOrderIds();
        sandbox.admin("POST", "/sandbox/faults", fault);

        assertThat(runOnce(config)).as(log.toString()).isZero();

        sandbox.admin("DELETE", "/sandbox/faults", null);
        assertThat(query("select ca_order_id from orders")).as(log.toString()).containsExactlyInAnyOrderElementsOf(ready);
        assertThat(query("select count(*) from orders where acked_at is null")).containsExactly(0L);
        assertThat(sandbox.readyUnexportedOrderIds()).isEmpty();
        assertThat(query("select count(*) from dead_letters")).containsExactly(0L);
    }

    private Path configWithProducts(List<String> skus) throws Exception {
        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("orders.max-redeliveries", "12");
        overrides.put("acks.max-redeliveries", "12");
        overrides.put("channeladvisor.page-retries", "12");
        overrides.put("channeladvisor.page-retry-delay-ms", "20");
        overrides.put("channeladvisor.max-pause-seconds", "1");
        Path config = BridgeConfigFiles.copyWith(folder, overrides);
        try (System2Database db = System2Database.open(database.url(), "", "", 2)) {
            db.migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                for (String sku : skus) {
                    s.executeUpdate("insert into products (sku, title, retail_price, quantity) values ('" + sku + "', 't', 1, 1)");
                }
            }
        }
        return config;
    }

    private int runOnce(Path config) {
        return new CommandLine(new ChannelBridge()).setOut(new PrintWriter(log, true)).setErr(new PrintWriter(log, true))
                .execute("--once", "--config", config.toString());
    }

    private List<Long> query(String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(database.url());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values;
        }
    }
}
