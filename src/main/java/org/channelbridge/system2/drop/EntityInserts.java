package org.channelbridge.system2.drop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shipments or adjustments of a drop file into System2, all in one transaction: a crash mid-file leaves nothing, and
 * the file is loaded whole on the next start. A row whose id System2 already holds is left as it is (the bridge may
 * have sent it already), so each row becomes exactly one shipment or adjustment — unless System2 holds it as FAILED
 * (dead-lettered, so ChannelAdvisor took none of it): then the file's row is its correction, replaces it and goes
 * again, and its open dead letter is resolved (a new failure records a new one). Shipment rows with the same id are
 * one shipment; their {@code ca_order_item_id} / {@code quantity} cells become its items. An item row already in
 * {@code shipment_items} for a shipment inserted here takes the file's quantity: H2 has been seen to keep one row
 * of a transaction a kill -9 interrupted, and the file must still load whole after it.
 */
final class EntityInserts implements DropFileReader.RowSink {

    private static final Set<String> ITEM_COLUMNS = Set.of("ca_order_item_id", "quantity");

    private final Connection connection;
    private final String vendor;
    private final DropKind kind;
    private final String table;
    private final DropReport report;
    private final Set<String> insertedHere = new HashSet<>();
    private final Set<String> heldBefore = new HashSet<>();
    private final Set<String> itemsHere = new HashSet<>();

    private final DropProfiles profiles;

    EntityInserts(Connection connection, String vendor, DropKind kind, DropReport report, DropProfiles profiles)
            throws SQLException {
        this.connection = connection;
        this.profiles = profiles;
        this.vendor = vendor;
        this.kind = kind;
        this.table = kind.folder();
        this.report = report;
        connection.setAutoCommit(false);
    }

    @Override
    public void accept(DropRow row) throws SQLException {
        nameProfile(row);
        String id = (String) row.get("id");
        boolean shipment = kind == DropKind.SHIPMENTS;
        if (heldBefore.contains(id)) {
            report.alreadyThere();
            return;
        }
        if (insertedHere.contains(id)) {
            if (!shipment) {
                throw new BadRowException("id " + id + " is listed twice in this file");
            }
        } else if (failedBefore(id)) {
            correct(row, shipment, id);
            insertedHere.add(id);
            report.corrected(id);
        } else if (exists(id)) {
            heldBefore.add(id);
            report.keptAsIs(id);
            return;
        } else {
            insert(row, shipment);
            insertedHere.add(id);
        }
        if (shipment && row.get("ca_order_item_id") != null) {
            if (!itemsHere.add(id + "/" + row.get("ca_order_item_id"))) {
                throw new BadRowException("ca_order_item_id " + row.get("ca_order_item_id")
                        + " is listed twice for shipment " + id);
            }
            try (PreparedStatement ps = connection.prepareStatement(itemUpsert(vendor))) {
                ps.setString(1, id);
                ps.setObject(2, row.get("ca_order_item_id"));
                ps.setObject(3, row.get("quantity"));
                ps.executeUpdate();
            }
        }
        report.loaded();
    }

    /**
     * The column {@code profile} names the row's profile (by name or id) as {@code profile_id} does; empty, the
     * order's profile. Both, naming different profiles, make the row bad.
     */
    private void nameProfile(DropRow row) {
        if (!row.values().containsKey(DropKind.PROFILE)) {
            return;
        }
        Object cell = row.values().remove(DropKind.PROFILE);
        if (cell == null) {
            return;
        }
        long profile = profiles.single((String) cell);
        Object given = row.get("profile_id");
        if (given != null && ((Number) given).longValue() != profile) {
            throw new BadRowException("profile '" + cell + "' is " + profile + ", but profile_id says " + given);
        }
        row.values().put("profile_id", profile);
    }

    static String itemUpsert(String vendor) {
        return switch (vendor) {
            case "h2" -> "merge into shipment_items (shipment_id, ca_order_item_id, quantity) key (shipment_id,"
                    + " ca_order_item_id) values (?, ?, ?)";
            case "postgresql" -> "insert into shipment_items (shipment_id, ca_order_item_id, quantity) values (?, ?, ?)"
                    + " on conflict (shipment_id, ca_order_item_id) do update set quantity = excluded.quantity";
            default -> "insert into shipment_items (shipment_id, ca_order_item_id, quantity) values (?, ?, ?)"
                    + " on duplicate key update quantity = values(quantity)";
        };
    }

    void commit() throws SQLException {
        connection.commit();
    }

    private boolean exists(String id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select 1 from " + table + " where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean failedBefore(String id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select 1 from " + table
                + " where id = ? and status = 'FAILED'")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The failed row and its items give way to the file's; its dead letter is settled by the correction. */
    private void correct(DropRow row, boolean shipment, String id) throws SQLException {
        if (shipment) {
            execute("delete from shipment_items where shipment_id = ?", id);
        }
        execute("delete from " + table + " where id = ?", id);
        insert(row, shipment);
        try (PreparedStatement ps = connection.prepareStatement("update dead_letters set state = 'RESOLVED'"
                + " where flow = ? and business_key = ? and state in ('OPEN', 'REPLAYED')")) {
            ps.setString(1, shipment ? "shipments" : "refunds");
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    private void execute(String sql, String id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private void insert(DropRow row, boolean shipment) throws SQLException {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, Object> cell : row.values().entrySet()) {
            if (cell.getValue() != null && !(shipment && ITEM_COLUMNS.contains(cell.getKey()))) {
                names.add(cell.getKey());
                values.add(cell.getValue());
            }
        }
        String sql = "insert into " + table + " (" + String.join(", ", names) + ") values ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            ps.executeUpdate();
        }
    }
}
