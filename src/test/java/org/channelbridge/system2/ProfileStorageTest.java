package org.channelbridge.system2;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's records per ChannelAdvisor profile on each database: sync_state keyed by (Sku, profile), idempotent
 * keys per profile, the catalog as each profile gets it (product_profiles), and an upgrade that gives the rows of
 * before to the profile the bridge served.
 */
class ProfileStorageTest {

    @Test
    void anUpgradeGivesTheRowsOfBeforeToTheConfiguredProfileOnH2() throws Exception {
        upgradeKeepsTheRowsOfBefore(TestDatabases::h2);
    }

    @Test
    void anUpgradeGivesTheRowsOfBeforeToTheConfiguredProfileOnPostgresql() throws Exception {
        upgradeKeepsTheRowsOfBefore(TestDatabases::postgres);
    }

    @Test
    void anUpgradeGivesTheRowsOfBeforeToTheConfiguredProfileOnMariadb() throws Exception {
        upgradeKeepsTheRowsOfBefore(TestDatabases::mariadb);
    }

    @Test
    void eachProfileHasItsOwnSyncStateKeysAndCatalogOnH2() throws Exception {
        profilesKeepApart(TestDatabases::h2);
    }

    @Test
    void eachProfileHasItsOwnSyncStateKeysAndCatalogOnPostgresql() throws Exception {
        profilesKeepApart(TestDatabases::postgres);
    }

    @Test
    void eachProfileHasItsOwnSyncStateKeysAndCatalogOnMariadb() throws Exception {
        profilesKeepApart(TestDatabases::mariadb);
    }

    private static void upgradeKeepsTheRowsOfBefore(Supplier<TestDatabases.Fresh> fresh) throws Exception {
        try (TestDatabases.Fresh db = fresh.get()) {
            String vendor = System2Database.vendorOf(db.url());
            Flyway.configure().dataSource(System2Database.normalisedUrl(db.url()), db.user(), db.password())
                    .locations("classpath:db/migration/" + vendor).target("14").load().migrate();
            try (System2Database before = System2Database.open(db.url(), db.user(), db.password(), 2)) {
                new SyncStateStore(before.dataSource()).recordAccepted("OLD-1", 7, "h1", "{}", true);
                JdbcMessageIdRepository keys = IdempotentKeys.repository(before.dataSource(), "orders");
                keys.start();
                assertThat(keys.add("1001")).isTrue();
                sql(before, "insert into dead_letters (flow, business_key, first_failed_at, last_failed_at)"
                        + " values ('orders', '1002', current_timestamp, current_timestamp)");
            }

            try (System2Database upgraded = System2Database.open(db.url(), db.user(), db.password(), 2)) {
                assertThat(upgraded.migrate(12345).migrationsExecuted).isEqualTo(1);

                assertThat(column(upgraded, "select profile_id from sync_state")).containsExactly("12345");
                assertThat(column(upgraded, "select profile_id from camel_messageprocessed")).containsExactly("12345");
                assertThat(column(upgraded, "select profile_id from dead_letters")).containsExactly("12345");
                JdbcMessageIdRepository keys = IdempotentKeys.forProfile(12345).repositoryOf(upgraded.dataSource(),
                        "orders");
                keys.start();
                assertThat(keys.contains("1001")).as("the key of before is the profile's").isTrue();
                assertThat(keys.add("1001")).isFalse();
                SyncStateStore states = new SyncStateStore(upgraded.dataSource()).forProfile(12345);
                states.markSending(List.of("OLD-1"));
                assertThat(column(upgraded, "select state from sync_state where sku = 'OLD-1'"))
                        .containsExactly("SENDING");

                // the single-profile code, which names no profile, goes on writing the same profile's rows
                new SyncStateStore(upgraded.dataSource()).markCreating(List.of("NEW-1"));
                assertThat(column(upgraded, "select profile_id from sync_state where sku = 'NEW-1'"))
                        .containsExactly("12345");
            }
        }
    }

    private static void profilesKeepApart(Supplier<TestDatabases.Fresh> fresh) throws Exception {
        try (TestDatabases.Fresh db = fresh.get();
             System2Database system2 = System2Database.open(db.url(), db.user(), db.password(), 2)) {
            system2.migrate(1);
            SyncStateStore us = new SyncStateStore(system2.dataSource()).forProfile(1);
            SyncStateStore uk = new SyncStateStore(system2.dataSource()).forProfile(2);

            us.recordAccepted("A", 100, "hash-us", "{\"Title\":\"us\"}", true);
            uk.markCreating(List.of("A"));
            uk.recordAccepted("A", 200, "hash-uk", "{\"Title\":\"uk\"}", true);
            us.markSending(List.of("A"));
            uk.markCreating(List.of("B"));

            assertThat(rows(system2, "select profile_id, sku, ca_product_id, state from sync_state"
                    + " order by profile_id, sku"))
                    .containsExactly("1 A 100 SENDING", "2 A 200 SYNCED", "2 B null CREATING");

            JdbcMessageIdRepository usKeys = IdempotentKeys.forProfile(1).repositoryOf(system2.dataSource(), "orders");
            JdbcMessageIdRepository ukKeys = IdempotentKeys.forProfile(2).repositoryOf(system2.dataSource(), "orders");
            usKeys.start();
            ukKeys.start();
            assertThat(usKeys.add("42")).isTrue();
            assertThat(ukKeys.contains("42")).as("another profile's key").isFalse();
            assertThat(ukKeys.add("42")).isTrue();
            assertThat(usKeys.add("42")).as("the profile's own key again").isFalse();
            assertThat(ukKeys.remove("42")).isTrue();
            assertThat(usKeys.contains("42")).isTrue();

            sql(system2, "insert into products (sku, title, retail_price, quantity) values ('A', 'Everywhere', 10, 1)",
                    "insert into products (sku, title, retail_price, quantity) values ('B', 'UK at 9.5', 10, 1)",
                    "insert into products (sku, title, retail_price, quantity) values ('C', 'US only', 12, 1)",
                    "insert into product_profiles (sku, profile_id, retail_price) values ('B', 2, 9.5)",
                    "insert into product_profiles (sku, profile_id) values ('C', 1)",
                    "insert into product_attributes (sku, name, value) values ('A', 'Color', 'red')");
            ProductCatalog catalog = new ProductCatalog(system2.dataSource(), 10);

            Map<String, String> inUs = read(catalog.forProfile(1).open());
            Map<String, String> inUk = read(catalog.forProfile(2).open());

            assertThat(inUs).containsOnlyKeys("A", "C");
            assertThat(inUk).containsOnlyKeys("A", "B");
            assertThat(inUs.get("A")).isEqualTo("price 10 attributes {Color=red} synced 100 SENDING");
            assertThat(inUk.get("A")).isEqualTo("price 10 attributes {Color=red} synced 200 SYNCED");
            assertThat(inUk.get("B")).isEqualTo("price 9.5 attributes {} synced null CREATING");
            assertThat(inUs.get("C")).isEqualTo("price 12 attributes {} synced -");
            assertThat(read(catalog.forProfile(2).open("C"))).as("one Sku, not the profile's").isEmpty();
            assertThat(read(catalog.forProfile(2).open("B"))).containsOnlyKeys("B");
        }
    }

    /** Sku → its price, attributes and sync_state as the cursor gives them. */
    private static Map<String, String> read(ProductCatalog.Cursor cursor) {
        Map<String, String> products = new TreeMap<>();
        try (cursor) {
            cursor.forEachRemaining(p -> products.put(p.sku(), "price "
                    + new java.math.BigDecimal(p.columns().get("retail_price")).stripTrailingZeros().toPlainString()
                    + " attributes " + p.attributes() + " synced "
                    + (p.state() == null ? "-" : p.state().caProductId() + " " + p.state().state())));
        }
        return products;
    }

    private static void sql(System2Database db, String... statements) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    private static List<String> column(System2Database db, String query) throws SQLException {
        return rows(db, query);
    }

    /** Each row's columns separated by spaces. */
    private static List<String> rows(System2Database db, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rs.getString(i)));
                }
                rows.add(String.join(" ", row));
            }
        }
        return rows;
    }
}
