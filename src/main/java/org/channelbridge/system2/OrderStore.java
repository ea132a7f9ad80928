package org.channelbridge.system2;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Saves ChannelAdvisor orders into System2: an order and its items in one transaction, keyed on (profile,
 * ChannelAdvisor order id). Saving an order that is already there changes nothing, whoever saved it first.
 */
public final class OrderStore {

    public enum Outcome { SAVED, ALREADY_SAVED }

    private static final Pattern COLUMN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final DataSource dataSource;

    public OrderStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Outcome save(OrderRow order) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (exists(c, order)) {
                    c.rollback();
                    return Outcome.ALREADY_SAVED;
                }
                long id = insertOrder(c, order);
                for (Map<String, Object> item : order.items()) {
                    insertItem(c, id, item);
                }
                c.commit();
                return Outcome.SAVED;
            } catch (SQLException e) {
                c.rollback();
                if (isUniqueViolation(e) && existsAfterRace(order)) {
                    return Outcome.ALREADY_SAVED;
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The Skus among {@code skus} that System2's products table does not hold. */
    public Set<String> unknownSkus(Collection<String> skus) throws SQLException {
        Set<String> unknown = new LinkedHashSet<>(skus);
        if (unknown.isEmpty()) {
            return unknown;
        }
        String marks = String.join(",", java.util.Collections.nCopies(unknown.size(), "?"));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select sku from products where sku in (" + marks + ")")) {
            int i = 1;
            for (String sku : unknown) {
                ps.setString(i++, sku);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unknown.remove(rs.getString(1));
                }
            }
        }
        return unknown;
    }

    private boolean existsAfterRace(OrderRow order) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return exists(c, order);
        }
    }

    private static boolean exists(Connection c, OrderRow order) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from orders where profile_id = ? and ca_order_id = ?")) {
            ps.setLong(1, order.profileId());
            ps.setLong(2, order.caOrderId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long insertOrder(Connection c, OrderRow order) throws SQLException {
        List<String> names = new ArrayList<>(List.of("profile_id", "ca_order_id", "saved_at"));
        List<Object> values = new ArrayList<>(List.of(order.profileId(), order.caOrderId(), Timestamp.from(Instant.now())));
        order.columns().forEach((k, v) -> {
            names.add(checked(k));
            values.add(v);
        });
        String sql = "insert into orders (" + String.join(", ", names) + ") values ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            bind(ps, values);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("System2 returned no id for the new order " + order.caOrderId());
                }
                return keys.getLong(1);
            }
        }
    }

    private static void insertItem(Connection c, long orderId, Map<String, Object> item) throws SQLException {
        List<String> names = new ArrayList<>(List.of("order_id"));
        List<Object> values = new ArrayList<>(List.of(orderId));
        item.forEach((k, v) -> {
            names.add(checked(k));
            values.add(v);
        });
        String sql = "insert into order_items (" + String.join(", ", names) + ") values ("
                + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            ps.setObject(i + 1, v instanceof Instant instant ? Timestamp.from(instant) : v);
        }
    }

    /** Column names come from our mapping code, never from data; the check keeps it that way. */
    private static String checked(String column) {
        if (!COLUMN_NAME.matcher(column).matches()) {
            throw new IllegalArgumentException("not a column name: " + column);
        }
        return column;
    }

    private static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }
}
