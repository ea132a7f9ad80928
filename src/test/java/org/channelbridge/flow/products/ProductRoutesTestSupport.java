package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.channelbridge.app.BridgeBeans;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.ConfigFile;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The shipped products routes ({@code routes/products.camel.yaml}) in a Camel context of their own, with the
 * bridge's own beans on a fresh H2 System2 and the shipped configuration; the test advises the routes (AdviceWith)
 * before it starts the context, typically to put a {@code MockEndpoint} where ChannelAdvisor would answer.
 */
abstract class ProductRoutesTestSupport extends CamelTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    TestDatabases.Fresh database;
    System2Database system2;
    final FlowStats stats = new FlowStats();

    @AfterEach
    void closeSystem2() {
        if (system2 != null) {
            system2.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        return settings().properties();
    }

    /** The System2 database of each test: a fresh H2 one unless a test class says otherwise. */
    TestDatabases.Fresh freshDatabase() {
        return TestDatabases.h2();
    }

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        database = freshDatabase();
        system2 = System2Database.open(database.url(), database.user(), database.password(), 4);
        system2.migrate();
        BridgeBeans.create(settings(), system2, stats, context).forEach(registry::bind);
    }

    /** The flows' shared error handling, then the products flow. */
    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        CamelContext camel = context();
        List<RoutesBuilder> builders = new ArrayList<>(PluginHelper.getRoutesLoader(camel).findRoutesBuilders(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/flow-errors.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/products.camel.yaml")));
        // each profile's routes of the flow's templates, as the bridge makes them
        builders.add(org.channelbridge.app.ProfileRoutes.routes());
        return builders.toArray(RoutesBuilder[]::new);
    }

    private BridgeSettings settings() {
        Properties properties = ConfigFile.load(Path.of("config/application.properties"), Map.of());
        properties.setProperty("system2.jdbc.url", database == null ? "jdbc:h2:mem:unused" : database.url());
        properties.setProperty("channeladvisor.application-id", "route-test");
        properties.setProperty("channeladvisor.shared-secret", "route-test");
        properties.setProperty("channeladvisor.refresh-token", "route-test");
        properties.setProperty("channeladvisor.profile-id", "12345");
        properties.setProperty("channeladvisor.api-url", "http://127.0.0.1:9");
        properties.setProperty("flows.scheduled", "false");
        properties.setProperty("flows.redelivery-delay-ms", "1");
        properties.setProperty("products.bulk.threshold", "0");
        return BridgeSettings.check(properties);
    }

    /** One products cycle, as the schedule starts it. */
    void cycle() {
        template.sendBody("direct:products-cycle", null);
    }

    void insertProducts(String prefix, int count) throws SQLException {
        try (Connection c = system2.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into products (sku, title, retail_price, quantity) values (?, ?, ?, ?)")) {
            for (int i = 1; i <= count; i++) {
                insert.setString(1, prefix + i);
                insert.setString(2, "Product " + prefix + i);
                insert.setInt(3, i);
                insert.setInt(4, i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = system2.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = system2.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = system2.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
