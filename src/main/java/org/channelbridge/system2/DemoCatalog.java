package org.channelbridge.system2;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Random;

/**
 * Demo data for the embedded default: a realistic catalog in an empty System2, so that the first run has
 * something to send. Deterministic, so that two demo runs look alike.
 */
public final class DemoCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCatalog.class);

    private static final String[] BRANDS = {"Acme", "Northwind", "Blue Heron", "Vantage", "Kestrel", "Old Mill", "Tandem"};
    private static final String[] KINDS = {"Trail Backpack", "Water Bottle", "Camp Stove", "Headlamp", "Rain Jacket",
            "Hiking Socks", "Sleeping Bag", "Trekking Poles", "Dry Bag", "Camp Mug", "Fleece Hat", "Tent Stakes"};
    private static final String[] COLORS = {"Black", "Slate", "Forest", "Red", "Navy", "Sand"};
    private static final String[] SIZES = {"S", "M", "L", "XL"};

    private final DataSource dataSource;

    public DemoCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The embedded sandbox keeps its state in memory, so each start of the embedded default meets an empty
     * ChannelAdvisor whose ids start again from the beginning. What the demo System2 remembers of the previous one
     * (orders and what hangs on them, the products' sync state, idempotent keys, dead letters) would clash with
     * the new ids, so it is forgotten; the catalog stays. Returns the number of rows removed.
     */
    public int forgetPreviousSandbox() throws SQLException {
        String[] tables = {"shipment_items", "shipments", "adjustments", "order_items", "orders", "sync_state",
                "dead_letters", "bulk_uploads", "camel_messageprocessed"};
        int removed = 0;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : tables) {
                removed += s.executeUpdate("delete from " + table);
            }
        }
        // said on every start, not only when rows went: a user must know that the demo database is not kept
        LOG.info("Embedded default: the demo System2 is reset to meet the new, empty sandbox ({} row(s) of orders,"
                + " shipments, adjustments, dead letters and sync state deleted); its catalog stays", removed);
        return removed;
    }

    /** Seeds {@code size} products with attributes when the products table is empty; returns how many. */
    public int seedIfEmpty(int size) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from products")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return 0;
                }
            }
            String q = c.getMetaData().getIdentifierQuoteString().trim();
            String condition = q.isEmpty() ? "condition" : q + "condition" + q;
            c.setAutoCommit(false);
            Random random = new Random(42);
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement product = c.prepareStatement("insert into products (sku, title, subtitle, description,"
                    + " brand, manufacturer, mpn, upc, " + condition + ", weight, cost, retail_price, buy_it_now_price,"
                    + " quantity, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement attribute = c.prepareStatement(
                         "insert into product_attributes (sku, name, value) values (?, ?, ?)")) {
                for (int i = 1; i <= size; i++) {
                    String sku = String.format("DEMO-%05d", i);
                    String brand = BRANDS[random.nextInt(BRANDS.length)];
                    String kind = KINDS[random.nextInt(KINDS.length)];
                    String color = COLORS[random.nextInt(COLORS.length)];
                    String sizeName = SIZES[random.nextInt(SIZES.length)];
                    BigDecimal cost = BigDecimal.valueOf(3 + random.nextInt(6000) / 100.0).setScale(2, RoundingMode.HALF_UP);
                    BigDecimal retail = cost.multiply(BigDecimal.valueOf(1.6 + random.nextInt(80) / 100.0))
                            .setScale(2, RoundingMode.HALF_UP);
                    product.setString(1, sku);
                    product.setString(2, brand + " " + kind + " " + color);
                    product.setString(3, "Size " + sizeName);
                    product.setString(4, "The " + kind.toLowerCase() + " from " + brand + ", in " + color.toLowerCase()
                            + ". Built for long days outside.");
                    product.setString(5, brand);
                    product.setString(6, brand + " Outdoor Co.");
                    product.setString(7, brand.substring(0, 2).toUpperCase() + "-" + (1000 + i));
                    product.setString(8, String.format("0%011d", 40_000_000_000L + i));
                    product.setString(9, "NEW");
                    product.setBigDecimal(10, BigDecimal.valueOf(1 + random.nextInt(400) / 100.0).setScale(2, RoundingMode.HALF_UP));
                    product.setBigDecimal(11, cost);
                    product.setBigDecimal(12, retail);
                    product.setBigDecimal(13, retail);
                    product.setInt(14, random.nextInt(120));
                    product.setTimestamp(15, now);
                    product.addBatch();
                    for (String[] pair : new String[][] {{"Color", color}, {"Size", sizeName}, {"Material",
                            random.nextBoolean() ? "Nylon" : "Polyester"}}) {
                        attribute.setString(1, sku);
                        attribute.setString(2, pair[0]);
                        attribute.setString(3, pair[1]);
                        attribute.addBatch();
                    }
                    if (i % 500 == 0) {
                        product.executeBatch();
                        attribute.executeBatch();
                    }
                }
                product.executeBatch();
                attribute.executeBatch();
            }
            c.commit();
            LOG.info("Seeded the demo System2 with {} products", size);
            return size;
        }
    }
}
