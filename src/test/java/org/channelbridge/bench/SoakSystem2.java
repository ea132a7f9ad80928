package org.channelbridge.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The retailer's side of the soak: a fresh PostgreSQL database the bridge migrates, whose catalog the harness keeps
 * changing and whose warehouse ships, cancels and refunds the orders the bridge saved — plus a few bad inputs.
 */
final class SoakSystem2 implements AutoCloseable {

    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String BAD_SKU = "SOAK-BAD-QUANTITY";

    private final String name;
    private final String server;
    private Connection connection;
    private final Random random = new Random();
    private final Set<Long> handledOrders = new HashSet<>();
    private final List<Long> untouchedOrders = new ArrayList<>();
    private final List<String> shipments = new ArrayList<>();
    private final List<String> adjustments = new ArrayList<>();
    private int products;
    private int productChanges;

    private SoakSystem2(String server, String name) throws SQLException {
        this.server = server;
        this.name = name;
        this.connection = DriverManager.getConnection(url(), "postgres", "");
    }

    static SoakSystem2 create() throws SQLException {
        return create(ADMIN_URL);
    }

    /** A fresh database on the PostgreSQL server of this admin URL ({@code jdbc:postgresql://host:port/postgres}). */
    static SoakSystem2 create(String adminUrl) throws SQLException {
        String name = "soak_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return new SoakSystem2(adminUrl.replaceFirst("/postgres$", "/"), name);
    }

    String url() {
        return server + name;
    }

    /** A new connection after the server was restarted (the old one died with it). */
    void reconnect() throws SQLException {
        try {
            connection.close();
        } catch (SQLException e) {
            // it is gone already
        }
        connection = DriverManager.getConnection(url(), "postgres", "");
    }

    /** True once the bridge has created the System2 tables. */
    boolean migrated() throws SQLException {
        try (ResultSet r = connection.getMetaData().getTables(null, null, "dead_letters", null)) {
            return r.next();
        }
    }

    void seedCatalog(int count) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("insert into products (sku, title, brand, condition,"
                + " weight, cost, retail_price, quantity, updated_at) values (?, ?, 'Soak', 'New', 1.5, 4, ?, 100, ?)")) {
            for (int i = 1; i <= count; i++) {
                p.setString(1, sku(i));
                p.setString(2, "Soak product " + i);
                p.setBigDecimal(3, price());
                p.setTimestamp(4, Timestamp.from(Instant.now()));
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = connection.prepareStatement(
                "insert into product_attributes (sku, name, value) values (?, 'Colour', 'Blue')")) {
            for (int i = 1; i <= count; i++) {
                p.setString(1, sku(i));
                p.addBatch();
            }
            p.executeBatch();
        }
        products = count;
    }

    /** A few catalog products get a new title, price and quantity, and one of them a new colour. */
    void changeProducts(int count) throws SQLException {
        try (PreparedStatement p = connection.prepareStatement(
                "update product_attributes set value = ? where sku = ? and name = 'Colour'")) {
            p.setString(1, List.of("Blue", "Red", "Green", "Teal").get(random.nextInt(4)));
            p.setString(2, sku(1 + random.nextInt(products)));
            p.executeUpdate();
        }
        try (PreparedStatement p = connection.prepareStatement("update products set title = ?, retail_price = ?,"
                + " quantity = ?, updated_at = ? where sku = ?")) {
            for (int i = 0; i < count; i++) {
                int n = 1 + random.nextInt(products);
                productChanges++;
                p.setString(1, "Soak product " + n + " v" + productChanges);
                p.setBigDecimal(2, price());
                p.setInt(3, random.nextInt(500));
                p.setTimestamp(4, Timestamp.from(Instant.now()));
                p.setString(5, sku(n));
                p.executeUpdate();
            }
        }
    }

    /**
     * The warehouse: each order the bridge saved and acknowledged since the last call is shipped (half of them, a
     * quarter of those refunded afterwards), cancelled (a fifth) or left as it is.
     */
    void fulfil() throws SQLException {
        for (long order : newAckedOrders()) {
            handledOrders.add(order);
            double dice = random.nextDouble();
            if (dice < 0.5) {
                shipment(order, "UPS", "Ground");
                if (random.nextDouble() < 0.25) {
                    adjustment(order, "REFUND", "102");
                }
            } else if (dice < 0.7) {
                adjustment(order, "CANCEL", "105");
            } else {
                untouchedOrders.add(order);
            }
        }
    }

    /**
     * Bad inputs, each of which must end as exactly one dead letter: flow → business key. Empty until two orders
     * were left as they are, for the bad shipment and the bad adjustment.
     */
    Map<String, String> plantBadInputs() throws SQLException {
        if (untouchedOrders.size() < 2) {
            return Map.of();
        }
        Map<String, String> planted = new HashMap<>();
        try (PreparedStatement p = connection.prepareStatement("insert into products (sku, title, quantity, updated_at)"
                + " values (?, 'Soak product with a negative quantity', -5, ?)")) {
            p.setString(1, BAD_SKU);
            p.setTimestamp(2, Timestamp.from(Instant.now()));
            p.executeUpdate();
        }
        planted.put("products", BAD_SKU);
        planted.put("shipments", insertShipment(untouchedOrders.remove(0), "Pigeon Post", "Ground"));
        planted.put("refunds", insertAdjustment(untouchedOrders.remove(0), "CANCEL", "999"));
        return planted;
    }

    List<String> shipments() {
        return shipments;
    }

    List<String> adjustments() {
        return adjustments;
    }

    int productChanges() {
        return productChanges;
    }

    private void shipment(long order, String carrier, String shippingClass) throws SQLException {
        shipments.add(insertShipment(order, carrier, shippingClass));
    }

    private void adjustment(long order, String kind, String reason) throws SQLException {
        adjustments.add(insertAdjustment(order, kind, reason));
    }

    private String insertShipment(long order, String carrier, String shippingClass) throws SQLException {
        String id = "SHIP-" + order;
        try (PreparedStatement p = connection.prepareStatement("insert into shipments (id, ca_order_id, profile_id,"
                + " carrier, shipping_class, tracking_number, shipped_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setLong(2, order);
            p.setLong(3, Long.parseLong(SandboxProcess.PROFILE));
            p.setString(4, carrier);
            p.setString(5, shippingClass);
            p.setString(6, "1Z" + order);
            p.setTimestamp(7, Timestamp.from(Instant.now()));
            p.executeUpdate();
        }
        return id;
    }

    private String insertAdjustment(long order, String kind, String reason) throws SQLException {
        String id = kind + "-" + order;
        try (PreparedStatement p = connection.prepareStatement("insert into adjustments (id, ca_order_id, kind, reason,"
                + " created_at) values (?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setLong(2, order);
            p.setString(3, kind);
            p.setString(4, reason);
            // after the order's shipment, so a refund comes after the shipment it refunds
            p.setTimestamp(5, Timestamp.from(Instant.now().plusMillis(10)));
            p.executeUpdate();
        }
        return id;
    }

    private List<Long> newAckedOrders() throws SQLException {
        List<Long> orders = new ArrayList<>();
        for (Map<String, Object> row : rows("select ca_order_id from orders where acked_at is not null order by id")) {
            long id = ((Number) row.get("ca_order_id")).longValue();
            if (!handledOrders.contains(id)) {
                orders.add(id);
            }
        }
        return orders;
    }

    List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private BigDecimal price() {
        return BigDecimal.valueOf(500 + random.nextInt(10_000), 2);
    }

    static String sku(int n) {
        return String.format("SOAK-%04d", n);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
        try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        }
    }
}
