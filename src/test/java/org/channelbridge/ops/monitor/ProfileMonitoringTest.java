package org.channelbridge.ops.monitor;

import ch.qos.logback.classic.Level;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.health.HealthCheck;
import org.channelbridge.app.BridgeApplication;
import org.channelbridge.app.BridgeBeans;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.ConfigFile;
import org.channelbridge.config.ConfigurationException;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The operator's view of a bridge serving two profiles of the sandbox (us = 12345, uk = 12346): each flow has an MBean
 * per profile counting that profile's items only, the metrics carry the profile's id as the label {@code profile}, and
 * the cycle lines name the profile. A bridge of one profile keeps its MBean names.
 */
class ProfileMonitoringTest {

    private static final long US = 12345;
    private static final long UK = 12346;

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private LogCapture cycles;
    private final Map<String, String> overrides = new HashMap<>();

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("orders.require-known-skus", "false");
        overrides.put("demo.catalog-size", "0");
        cycles = new LogCapture("org.channelbridge.cycle");
    }

    @AfterEach
    void stop() {
        cycles.close();
        sandbox.close();
        database.close();
    }

    @Test
    void eachProfileHasItsOwnFlowMBeansAndMetricsCountingOnlyItsOwnItems() throws Exception {
        overrides.put("channeladvisor.profiles", "us,uk");
        overrides.put("channeladvisor.profile.us.profile-id", String.valueOf(US));
        overrides.put("channeladvisor.profile.uk.profile-id", String.valueOf(UK));
        sandbox.seedOrders("{\"count\":3,\"readyOnly\":true,\"profileId\":" + UK + "}");
        sandbox.seedOrders("{\"count\":1,\"readyOnly\":true,\"profileId\":" + US + "}");

        whileRunning(context -> {
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:orders-cycle", null);
            template.sendBody("direct:orders-cycle-uk", null);
            template.sendBody("direct:acks-cycle-uk", null);

            assertThat(attribute("orders", US, "ItemsSent")).isEqualTo(1L);
            assertThat(attribute("orders", UK, "ItemsSent")).isEqualTo(3L);
            assertThat(attribute("orders", UK, "ItemsRead")).isEqualTo(3L);
            assertThat(attribute("acks", UK, "ItemsSent")).isEqualTo(3L);
            assertThat(attribute("acks", US, "ItemsSent")).as("the us acks cycle did not run").isEqualTo(0L);
            assertThat(attribute("orders", UK, "Profile")).isEqualTo("uk (12346)");
            assertThat(attribute("orders", UK, "LastCycleResult")).isEqualTo("ok");
            assertThat(server().isRegistered(new ObjectName(BridgeMonitoring.DOMAIN + ":type=flows,name=orders")))
                    .as("with channeladvisor.profiles every flow MBean names its profile").isFalse();

            String metrics = context.getRegistry().lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class)
                    .scrape();
            assertThat(metrics)
                    .contains("bridge_flow_items_total{flow=\"orders\",outcome=\"sent\",profile=\"12346\"} 3.0")
                    .contains("bridge_flow_items_total{flow=\"orders\",outcome=\"sent\",profile=\"12345\"} 1.0")
                    .contains("bridge_flow_cycle_seconds_count{flow=\"orders\",profile=\"12346\"} 1")
                    .contains("bridge_channeladvisor_budget_per_minute{profile=\"12346\"}");
            return null;
        });
        assertThat(cycles.lines(Level.INFO))
                .anySatisfy(line -> assertThat(line).startsWith("orders uk (12346): 3 saved (0 completed past 20 items),"))
                .anySatisfy(line -> assertThat(line).startsWith("orders us (12345): 1 saved (0 completed past 20 items),"));
    }

    @Test
    void healthNamesTheProfileWhoseTokenIsRevokedWhileTheOtherKeepsSyncingAndCounting() throws Exception {
        overrides.put("channeladvisor.profiles", "us,uk");
        overrides.put("channeladvisor.profile.us.profile-id", String.valueOf(US));
        overrides.put("channeladvisor.profile.uk.profile-id", String.valueOf(UK));
        overrides.put("channeladvisor.profile.uk.refresh-token", "revoked-refresh-token");
        overrides.put("channeladvisor.profile.uk.ftp-password", "not-the-uk-password");
        sandbox.seedOrders("{\"count\":2,\"readyOnly\":true,\"profileId\":" + US + "}");
        sandbox.seedOrders("{\"count\":1,\"readyOnly\":true,\"profileId\":" + UK + "}");

        whileRunning(context -> {
            ProducerTemplate template = context.createProducerTemplate();
            // the uk cycle fails on its refused token (as a scheduled cycle would); the us one goes on
            assertThat(template.send("direct:orders-cycle-uk", exchange -> { }).getException())
                    .hasMessageContaining("refused the refresh token");
            template.sendBody("direct:orders-cycle", null);
            template.sendBody("direct:acks-cycle", null);

            assertThat(attribute("orders", US, "ItemsSent")).isEqualTo(2L);
            assertThat(attribute("acks", US, "ItemsSent")).isEqualTo(2L);
            assertThat(attribute("orders", UK, "ItemsSent")).isEqualTo(0L);

            // the checks /observe/health runs: the health-check beans of the registry
            Map<String, HealthCheck.Result> health = new HashMap<>();
            for (HealthCheck check : context.getRegistry().findByType(HealthCheck.class)) {
                health.put(check.getId(), check.call());
            }
            assertThat(health.get("channeladvisor-token").getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(health.get("channeladvisor-ftp").getState()).isEqualTo(HealthCheck.State.UP);
            HealthCheck.Result token = health.get("channeladvisor-token-uk");
            assertThat(token).as("the uk profile's token has a check of its own").isNotNull();
            assertThat(token.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(token.getMessage()).get().asString()
                    .startsWith("Profile uk (12346): ")
                    .contains("channeladvisor.profile.uk.refresh-token")
                    .doesNotContain("revoked-refresh-token");
            HealthCheck.Result ftp = health.get("channeladvisor-ftp-uk");
            assertThat(ftp).as("the uk profile's FTP login has a check of its own").isNotNull();
            assertThat(ftp.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(ftp.getMessage()).get().asString()
                    .startsWith("Profile uk (12346): ")
                    .doesNotContain("not-the-uk-password");
            assertThat(health.values().stream()
                    .filter(r -> r.getState() == HealthCheck.State.DOWN)
                    .map(r -> r.getCheck().getId()))
                    .as("only the uk profile's checks are down")
                    .containsExactlyInAnyOrder("channeladvisor-token-uk", "channeladvisor-ftp-uk");

            // the us profile still syncs after the checks ran, and its MBeans count it
            sandbox.seedOrders("{\"count\":1,\"readyOnly\":true,\"profileId\":" + US + "}");
            template.sendBody("direct:orders-cycle", null);
            assertThat(attribute("orders", US, "ItemsSent")).isEqualTo(3L);
            return null;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void eachProfilesMBeansShowItsOwnBacklog(String kind) throws Exception {
        useDatabase(kind);
        overrides.put("channeladvisor.profiles", "us,uk");
        overrides.put("channeladvisor.profile.us.profile-id", String.valueOf(US));
        overrides.put("channeladvisor.profile.uk.profile-id", String.valueOf(UK));
        sandbox.seedOrders("{\"count\":1,\"readyOnly\":true,\"profileId\":" + US + "}");
        sandbox.seedOrders("{\"count\":3,\"readyOnly\":true,\"profileId\":" + UK + "}");

        whileRunning(context -> {
            ProducerTemplate template = context.createProducerTemplate();
            template.sendBody("direct:orders-cycle", null);
            template.sendBody("direct:orders-cycle-uk", null);
            long usOrder = Long.parseLong(column("select ca_order_id from orders where profile_id = " + US).get(0));
            long ukOrder = Long.parseLong(column("select min(ca_order_id) from orders where profile_id = " + UK).get(0));
            // products: one for every profile (already synced in us), one limited to us, one limited to uk
            sql("insert into products (sku, title, retail_price, quantity) values ('P-ALL', 'All', 10, 1),"
                    + " ('P-US', 'Us only', 10, 1), ('P-UK', 'Uk only', 10, 1)");
            sql("insert into product_profiles (sku, profile_id) values ('P-US', " + US + "), ('P-UK', " + UK + ")");
            sql("insert into sync_state (sku, profile_id, state, synced_at) values ('P-ALL', " + US
                    + ", 'SYNCED', timestamp '2100-01-01 00:00:00')");
            // shipments: two of uk named, one of the us order by its order (no profile_id), one sent already
            sql("insert into shipments (id, ca_order_id, profile_id, status) values ('S-UK-1', " + ukOrder + ", " + UK
                    + ", 'NEW'), ('S-UK-2', " + ukOrder + ", " + UK + ", 'SENDING'), ('S-US-1', " + usOrder
                    + ", null, 'NEW'), ('S-US-2', " + usOrder + ", null, 'SENT')");
            // adjustments: two of the us order by its order, one of uk named
            sql("insert into adjustments (id, ca_order_id, profile_id, kind, status) values ('A-US-1', " + usOrder
                    + ", null, 'REFUND', 'NEW'), ('A-US-2', " + usOrder + ", null, 'REFUND', 'SUBMITTED'), ('A-UK-1', "
                    + ukOrder + ", " + UK + ", 'REFUND', 'NEW')");

            assertThat(attribute("acks", US, "Backlog")).isEqualTo(1L);
            assertThat(attribute("acks", UK, "Backlog")).isEqualTo(3L);
            assertThat(attribute("products", US, "Backlog")).isEqualTo(1L);
            assertThat(attribute("products", UK, "Backlog")).isEqualTo(2L);
            assertThat(attribute("shipments", US, "Backlog")).isEqualTo(1L);
            assertThat(attribute("shipments", UK, "Backlog")).isEqualTo(2L);
            assertThat(attribute("refunds", US, "Backlog")).isEqualTo(2L);
            assertThat(attribute("refunds", UK, "Backlog")).isEqualTo(1L);
            assertThat(context.getRegistry().lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class)
                    .scrape())
                    .contains("bridge_flow_backlog{flow=\"acks\",profile=\"12346\"} 3.0")
                    .contains("bridge_flow_backlog{flow=\"acks\",profile=\"12345\"} 1.0");
            return null;
        });
    }

    @Test
    void aBacklogQueryNamingWhatNoProfileHasStopsStartUpNamingTheKey() {
        overrides.put("ops.backlog.acks", "select count(*) from orders where profile_id = :#profileId");

        Throwable failure = catchThrowable(() -> whileRunning(context -> null));
        while (failure != null && !(failure instanceof ConfigurationException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("a configuration error (exit 2)").isInstanceOf(ConfigurationException.class)
                .hasMessage("ops.backlog.acks names :#profileId, which a backlog query cannot use"
                        + " (it may name :#profile, :#scope and :#firstProfileId).");
    }

    @Test
    void aBridgeOfOneProfileKeepsItsFlowMBeanNamesAndItsLines() throws Exception {
        sandbox.seedOrders("{\"count\":2,\"readyOnly\":true}");

        whileRunning(context -> {
            context.createProducerTemplate().sendBody("direct:orders-cycle", null);

            ObjectName orders = new ObjectName(BridgeMonitoring.DOMAIN + ":type=flows,name=orders");
            assertThat(server().getAttribute(orders, "ItemsSent")).isEqualTo(2L);
            assertThat(server().getAttribute(orders, "Profile")).isEqualTo("");
            // the backlog of one profile counts System2 as a whole, as it always has
            sql("insert into shipments (id, ca_order_id, profile_id, status) values ('S-1', 1, null, 'NEW'),"
                    + " ('S-2', 2, 999, 'NEW')");
            assertThat(server().getAttribute(new ObjectName(BridgeMonitoring.DOMAIN + ":type=flows,name=acks"),
                    "Backlog")).isEqualTo(2L);
            assertThat(server().getAttribute(new ObjectName(BridgeMonitoring.DOMAIN + ":type=flows,name=shipments"),
                    "Backlog")).isEqualTo(2L);
            String metrics = context.getRegistry().lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class)
                    .scrape();
            assertThat(metrics).contains("bridge_flow_items_total{flow=\"orders\",outcome=\"sent\",profile=\""
                    + sandbox.profileId() + "\"} 2.0");
            return null;
        });
        assertThat(cycles.lines(Level.INFO))
                .anySatisfy(line -> assertThat(line).startsWith("orders: 2 saved (0 completed past 20 items),"));
    }

    /** The bridge of the shipped config and routes with the overrides, running (no schedules) while {@code work} runs. */
    private void whileRunning(BridgeApplication.Work<Void> work) throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder, overrides);
        Properties properties = ConfigFile.load(List.of(config), Map.of());
        properties.setProperty("demo.enabled", "false");
        BridgeSettings settings = BridgeSettings.check(properties);
        try (System2Database system2 = System2Database.open(database.url(), database.user(), database.password(), 4)) {
            system2.migrate(settings.profiles().first().profileId());
            FlowStats stats = new FlowStats();
            new BridgeApplication(properties, Path.of(settings.get("routes.dir")),
                    context -> BridgeBeans.create(settings, system2, stats, context)).runWithoutSchedules(work);
        }
    }

    private void useDatabase(String kind) {
        if (!kind.equals("h2")) {
            database.close();
            database = kind.equals("postgresql") ? TestDatabases.postgres() : TestDatabases.mariadb();
            overrides.put("system2.jdbc.url", database.url());
            overrides.put("system2.jdbc.user", database.user());
            overrides.put("system2.jdbc.password", database.password());
        }
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Object attribute(String flow, long profile, String name) throws Exception {
        return server().getAttribute(BridgeMonitoring.flowName(flow, String.valueOf(profile)), name);
    }

    private static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }
}
