package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bridge serving two ChannelAdvisor profiles of the sandbox (us = 12345, uk = 12346, one authorisation covering
 * both), run by the command line (--once) against the sandbox over HTTP and an H2 System2.
 */
class TwoProfilesTest {

    private static final long US = 12345;
    private static final long UK = 12346;

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private final Map<String, String> overrides = new HashMap<>();

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start();
        database = new TestDatabases.Fresh("jdbc:h2:file:" + folder.resolve("data/system2").toAbsolutePath(), "", "",
                () -> { });
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("system2.jdbc.user", database.user());
        overrides.put("system2.jdbc.password", database.password());
        overrides.put("orders.require-known-skus", "false");
        overrides.put("demo.catalog-size", "0");
        overrides.put("channeladvisor.profiles", "us,uk");
        overrides.put("channeladvisor.profile.us.profile-id", String.valueOf(US));
        overrides.put("channeladvisor.profile.uk.profile-id", String.valueOf(UK));
    }

    @AfterEach
    void stop() {
        sandbox.close();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void productsReachBothProfilesEachAtItsOwnPriceAndOnlyWhereProductProfilesLetsThem() throws Exception {
        run();   // the schema
        sql("insert into products (sku, title, retail_price, quantity) values ('BOTH-1', 'Everywhere', 15, 3),"
                + " ('UK-ONLY', 'Only in the UK', 20, 4), ('PRICED', 'Own UK price', 15, 5)");
        sql("insert into product_profiles (sku, profile_id, retail_price) values ('UK-ONLY', ?, null)", UK);
        sql("insert into product_profiles (sku, profile_id, retail_price) values ('PRICED', ?, null), ('PRICED', ?, 9.5)",
                US, UK);

        run();
        run();

        assertThat(prices(US)).containsExactly(Map.entry("BOTH-1", "15"),
                Map.entry("PRICED", "15"));
        assertThat(prices(UK)).containsExactly(Map.entry("BOTH-1", "15"),
                Map.entry("PRICED", "9.5"), Map.entry("UK-ONLY", "20"));
        assertThat(column("select profile_id || ':' || sku from sync_state where state = 'SYNCED' order by 1"))
                .containsExactly(US + ":BOTH-1", US + ":PRICED", UK + ":BOTH-1", UK + ":PRICED", UK + ":UK-ONLY");
        assertThat(column("select count(*) from dead_letters")).containsExactly("0");
    }

    @Test
    void ordersOfEachProfileAreSavedOnceWithTheirProfileAndExportedInTheirOwnProfile() throws Exception {
        List<Long> uk = sandbox.seedOrders("{\"count\":3,\"readyOnly\":true,\"profileId\":" + UK + "}");
        List<Long> us = sandbox.seedOrders("{\"count\":2,\"readyOnly\":true,\"profileId\":" + US + "}");

        run();
        run();

        assertThat(column("select ca_order_id from orders where profile_id = " + UK + " order by 1"))
                .containsExactlyElementsOf(uk.stream().sorted().map(String::valueOf).toList());
        assertThat(column("select ca_order_id from orders where profile_id = " + US + " order by 1"))
                .containsExactlyElementsOf(us.stream().sorted().map(String::valueOf).toList());
        assertThat(column("select count(*) from orders where acked_at is null")).containsExactly("0");
        for (long id : uk) {
            assertThat(order(UK, id).path("ExportStatus").asText()).as("order %s in profile uk", id).isNotEqualTo("NotExported");
        }
        for (long profile : List.of(US, UK)) {
            assertThat(sandbox.all("/v1/Orders?profileid=" + profile + "&exported=false&$filter="
                    + SandboxPeer.encode(SandboxPeer.READY_FILTER))).as("profile %s", profile).isEmpty();
        }
    }

    @Test
    void aShipmentOfAProfileBOrderIsSentToProfileBOnly() throws Exception {
        List<Long> uk = sandbox.seedOrders("{\"count\":2,\"readyOnly\":true,\"profileId\":" + UK + "}");
        List<Long> us = sandbox.seedOrders("{\"count\":1,\"readyOnly\":true,\"profileId\":" + US + "}");
        run();
        assertThat(column("select count(*) from orders where acked_at is not null")).containsExactly("3");
        // one naming its profile, one that names none (its order's profile), and one of the us profile
        sql("insert into shipments (id, ca_order_id, profile_id, carrier, shipping_class, tracking_number, shipped_at)"
                + " values ('S-UK', ?, ?, 'UPS', 'Ground', '1ZUK', current_timestamp)", uk.get(0), UK);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, shipped_at)"
                + " values ('S-UK-OF-ORDER', ?, 'UPS', 'Ground', '1ZUK2', current_timestamp)", uk.get(1));
        sql("insert into shipments (id, ca_order_id, profile_id, carrier, shipping_class, tracking_number, shipped_at)"
                + " values ('S-US', ?, ?, 'UPS', 'Ground', '1ZUS', current_timestamp)", us.get(0), US);

        run();
        run();

        assertThat(column("select id || ':' || status from shipments order by id"))
                .containsExactly("S-UK:SENT", "S-UK-OF-ORDER:SENT", "S-US:SENT");
        assertThat(fulfillments(UK, uk.get(0))).containsExactly("S-UK");
        assertThat(fulfillments(UK, uk.get(1))).containsExactly("S-UK-OF-ORDER");
        assertThat(fulfillments(US, us.get(0))).containsExactly("S-US");
        assertThat(column("select count(*) from dead_letters")).containsExactly("0");
    }

    @Test
    void aRevokedRefreshTokenOfOneProfileLeavesTheOtherSyncing() throws Exception {
        // the first profile's: the one every route of a single-profile bridge works for
        overrides.put("channeladvisor.profile.us.refresh-token", "revoked-refresh-token");
        run();
        sql("insert into products (sku, title, retail_price, quantity) values ('GO-1', 'Goes to uk', 15, 3)");
        List<Long> uk = sandbox.seedOrders("{\"count\":2,\"readyOnly\":true,\"profileId\":" + UK + "}");
        sandbox.seedOrders("{\"count\":2,\"readyOnly\":true,\"profileId\":" + US + "}");

        run();

        assertThat(prices(UK)).containsOnlyKeys("GO-1");
        assertThat(prices(US)).isEmpty();
        assertThat(column("select ca_order_id from orders where acked_at is not null order by 1"))
                .containsExactlyElementsOf(uk.stream().sorted().map(String::valueOf).toList());
        assertThat(column("select count(*) from dead_letters")).as("a refused token is nobody's item").containsExactly("0");
    }

    private void run() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder.resolve("run" + System.nanoTime()), overrides);
        assertThat(ChannelBridge.execute("--once", "--config", config.toString())).isZero();
    }

    /** The profile's products in the sandbox: Sku → retail price. */
    private Map<String, String> prices(long profile) {
        Map<String, String> prices = new TreeMap<>();
        for (JsonNode product : sandbox.all("/v1/Products?profileid=" + profile)) {
            prices.put(product.path("Sku").asText(), product.path("RetailPrice").decimalValue().stripTrailingZeros().toPlainString());
        }
        return prices;
    }

    private JsonNode order(long profile, long id) {
        return sandbox.get("/v1/Orders(" + id + ")?profileid=" + profile + "&$expand=Fulfillments");
    }

    private List<String> fulfillments(long profile, long id) {
        List<String> ids = new ArrayList<>();
        order(profile, id).path("Fulfillments").forEach(f -> ids.add(f.path("SellerFulfillmentID").asText()));
        return ids;
    }

    private void sql(String statement, Object... values) throws SQLException {
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    /** System2 as the bridge opens it (H2 with lower-case names). */
    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url() + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE",
                database.user(), database.password());
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
