package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.util.function.ThrowingConsumer;
import org.channelbridge.app.BridgeBeans;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.ConfigFile;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One flow's route files on their own in a Camel context of the test (camel-test-junit5): the shared error
 * configuration, the item template and the flow's file, with the bridge's own beans on a fresh H2 System2 and the
 * sandbox over HTTP. The context starts once the test has advised the routes it watches ({@link #advise}).
 */
abstract class ItemRouteTestSupport extends CamelTestSupport {

    static SandboxPeer sandbox;

    TestDatabases.Fresh database;
    System2Database system2;
    final FlowStats stats = new FlowStats();

    /** The flow's route file, e.g. {@code shipments.camel.yaml}. */
    abstract String routeFile();

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxPeer.start(s -> s.adjustmentProcessingDelay = java.time.Duration.ZERO);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        sandbox.admin("POST", "/sandbox/reset", null);
        database = TestDatabases.h2();
        Properties properties = ConfigFile.load(List.of(), Map.of());
        properties.putAll(sandbox.bridgeOverrides());
        properties.setProperty("system2.jdbc.url", database.url());
        properties.setProperty("flows.scheduled", "false");
        properties.setProperty("flows.redelivery-delay-ms", "10");
        properties.setProperty("demo.enabled", "false");
        properties.setProperty("system2.file.enabled", "false");
        BridgeSettings settings = BridgeSettings.check(properties);
        system2 = System2Database.open(database.url(), "", "", 4);
        system2.migrate();
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().setInitialProperties(properties);
        BridgeBeans.create(settings, system2, stats, context).forEach(context.getRegistry()::bind);
        // as camel.component.sql.data-source does for the bridge: the sql endpoints write through System2's pool
        context.getComponent("sql", org.apache.camel.component.sql.SqlComponent.class).setDataSource(system2.dataSource());
        List<Resource> files = new ArrayList<>();
        for (String file : List.of("flow-errors.camel.yaml", "item-flow.camel.yaml", routeFile())) {
            files.add(PluginHelper.getResourceLoader(context).resolveResource("file:" + Path.of("routes", file)));
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(files);
        // each profile's routes of the flow's templates, as the bridge makes them
        org.channelbridge.app.ProfileRoutes.addAll(context);
        return context;
    }

    @Override
    protected void doPostTearDown() {
        if (system2 != null) {
            system2.close();
        }
        if (database != null) {
            database.close();
        }
    }

    /** Advises the route with that id, then starts the context. */
    void advise(String routeId, ThrowingConsumer<AdviceWithRouteBuilder, Exception> advice) throws Exception {
        AdviceWith.adviceWith(context, routeId, advice);
    }

    void start() {
        context.start();
    }

    /** Runs one cycle of the flow, as the schedule or --once does. */
    void runCycle(String flow) {
        template.sendBody("direct:" + flow + "-cycle", null);
    }

    /** An order of the sandbox saved (and, when {@code acked}, acknowledged) in System2 as the orders flow saves it. */
    void saveInSystem2(long caOrderId, boolean acked) throws SQLException {
        sql("insert into orders (profile_id, ca_order_id, saved_at, acked_at) values (?, ?, current_timestamp, "
                + (acked ? "current_timestamp" : "null") + ")", sandbox.profileId(), caOrderId);
        for (JsonNode item : order(caOrderId).path("Items")) {
            sql("insert into order_items (order_id, ca_order_item_id, sku, quantity) select id, ?, ?, ? from orders"
                            + " where ca_order_id = ?", item.path("ID").asLong(), item.path("Sku").asText(),
                    item.path("Quantity").asInt(), caOrderId);
        }
    }

    static List<Long> seedReadyOrders(int count) {
        return sandbox.seedOrders("{\"count\": " + count + ", \"readyOnly\": true}");
    }

    static JsonNode order(long id) {
        return sandbox.get("/v1/Orders(" + id + ")?$expand=Items,Fulfillments,Adjustments");
    }

    void sql(String statement, Object... values) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), "", "");
             PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.url(), "", "");
             PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    long deadLetters(String flow) throws SQLException {
        return Long.parseLong(column("select count(*) from dead_letters where flow = '" + flow + "'").get(0));
    }
}
