package org.channelbridge.system2;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class System2MigrationsTest {

    /** The System2 contract of design §4: these names are what integrators and checks rely on. */
    private static final Map<String, List<String>> CONTRACT = Map.of(
            "products", List.of("sku", "title", "subtitle", "description", "brand", "manufacturer", "mpn", "upc", "ean",
                    "condition", "weight", "cost", "retail_price", "buy_it_now_price", "quantity", "updated_at"),
            "product_attributes", List.of("sku", "name", "value"),
            "orders", List.of("id", "profile_id", "ca_order_id", "site_name", "site_order_id", "seller_order_id",
                    "buyer_email", "currency", "total_price", "total_tax_price", "total_shipping_price", "payment_status",
                    "checkout_status", "created_date_utc", "ship_first_name", "ship_last_name", "ship_company",
                    "ship_address_line1", "ship_address_line2", "ship_city", "ship_state", "ship_postal_code",
                    "ship_country", "ship_phone", "bill_first_name", "bill_last_name", "bill_company",
                    "bill_address_line1", "bill_address_line2", "bill_city", "bill_state", "bill_postal_code",
                    "bill_country", "bill_phone", "saved_at", "acked_at"),
            "order_items", List.of("id", "order_id", "ca_order_item_id", "sku", "title", "quantity", "unit_price",
                    "tax_price", "shipping_price"),
            "shipments", List.of("id", "ca_order_id", "profile_id", "carrier", "shipping_class", "tracking_number",
                    "shipped_at", "distribution_center_id", "status", "sent_at", "error"),
            "shipment_items", List.of("shipment_id", "ca_order_item_id", "quantity"),
            "adjustments", List.of("id", "ca_order_id", "ca_order_item_id", "kind", "reason", "quantity", "item_amount",
                    "tax_amount", "shipping_amount", "restock", "status", "ca_request_status", "submitted_at",
                    "settled_at", "error"),
            "sync_state", List.of("sku", "ca_product_id", "content_hash"),
            "dead_letters", List.of("id", "flow", "business_key", "item", "attempts", "last_status", "message",
                    "first_failed_at", "last_failed_at", "state"),
            "bulk_uploads", List.of("id", "file_name", "rows_count", "content_hash", "status", "uploaded_at"));

    @Test
    void migrationsCreateTheContractOnH2AndApplyTwiceWithoutChange() throws Exception {
        try (TestDatabases.Fresh db = TestDatabases.h2()) {
            proveContract(db);
        }
    }

    @Test
    void migrationsCreateTheContractOnPostgresqlAndApplyTwiceWithoutChange() throws Exception {
        try (TestDatabases.Fresh db = TestDatabases.postgres()) {
            proveContract(db);
        }
    }

    @Test
    void migrationsCreateTheContractOnMariadbAndApplyTwiceWithoutChange() throws Exception {
        try (TestDatabases.Fresh db = TestDatabases.mariadb()) {
            proveContract(db);
        }
    }

    private static void proveContract(TestDatabases.Fresh db) throws Exception {
        try (System2Database first = System2Database.open(db.url(), db.user(), db.password(), 2)) {
            assertThat(first.migrate().migrationsExecuted).isPositive();
            try (Connection c = first.dataSource().getConnection()) {
                for (Map.Entry<String, List<String>> table : CONTRACT.entrySet()) {
                    assertThat(columnsOf(c, table.getKey())).as("columns of %s", table.getKey())
                            .containsAll(table.getValue());
                }
                provesNaturalKeysAreUnique(c);
            }
        }
        try (System2Database second = System2Database.open(db.url(), db.user(), db.password(), 2)) {
            assertThat(second.migrate().migrationsExecuted).isZero();
        }
    }

    private static void provesNaturalKeysAreUnique(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into orders (profile_id, ca_order_id, saved_at) values (12345, 77, current_timestamp)");
            assertThatThrownBy(() -> s.executeUpdate(
                    "insert into orders (profile_id, ca_order_id, saved_at) values (12345, 77, current_timestamp)"))
                    .isInstanceOf(SQLException.class);
            s.executeUpdate("insert into orders (profile_id, ca_order_id, saved_at) values (999, 77, current_timestamp)");
            s.executeUpdate("insert into products (sku, title) values ('A-1', 'one')");
            assertThatThrownBy(() -> s.executeUpdate("insert into products (sku, title) values ('A-1', 'again')"))
                    .isInstanceOf(SQLException.class);
        }
        try (PreparedStatement p = c.prepareStatement("insert into product_attributes (sku, name, value) values (?, ?, ?)")) {
            p.setString(1, "A-1");
            p.setString(2, "Color");
            p.setString(3, "x".repeat(5000));
            p.executeUpdate();
        }
    }

    private static Set<String> columnsOf(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Set<String> columns = new HashSet<>();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = meta.getColumns(c.getCatalog(), null, name, null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }
}
