package org.channelbridge.system2;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shipments System2 asks the bridge to send (tables {@code shipments} and {@code shipment_items}) and their
 * status: NEW → SENDING (the intent, written before the call) → SENT, or FAILED with the reason.
 */
public final class ShipmentStore {

    /** Where the order of a shipment stands in System2: imported and acknowledged, imported only, or unknown. */
    public static final String ORDER_ACKED = "ACKED";
    public static final String ORDER_SAVED = "SAVED";
    public static final String ORDER_NONE = "NONE";

    private static final String UNSENT = "select s.id, s.ca_order_id, coalesce(s.profile_id, ?) as profile_id, s.status,"
            + " s.created_at, case when o.acked_at is not null then 'ACKED' when o.id is not null then 'SAVED'"
            + " else 'NONE' end as order_state"
            + " from shipments s left join orders o on o.ca_order_id = s.ca_order_id and o.profile_id = coalesce(s.profile_id, ?)"
            + " where s.status in ('NEW', 'SENDING') and coalesce(s.profile_id, ?) = ?"
            + " order by s.ca_order_id, s.created_at, s.id";

    private final DataSource dataSource;

    public ShipmentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Shipments of the profile not yet sent, one order's shipments together in creation order. */
    public List<Map<String, Object>> unsent(long profileId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UNSENT)) {
            RowReader.bind(ps, profileId, profileId, profileId, profileId);
            return RowReader.list(ps);
        }
    }

    /** The shipment as System2 holds it now, with its items under {@code items} (none: the whole order). */
    public Optional<Map<String, Object>> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            List<Map<String, Object>> rows;
            try (PreparedStatement ps = c.prepareStatement("select * from shipments where id = ?")) {
                RowReader.bind(ps, id);
                rows = RowReader.list(ps);
            }
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> shipment = rows.get(0);
            try (PreparedStatement ps = c.prepareStatement("select ca_order_item_id, quantity from shipment_items"
                    + " where shipment_id = ? order by ca_order_item_id")) {
                RowReader.bind(ps, id);
                shipment.put("items", RowReader.list(ps));
            }
            return Optional.of(shipment);
        }
    }

    /** True while a shipment of the same order created before this one is still NEW or SENDING. */
    public boolean hasEarlierUnsent(String id, long caOrderId, long profileId, Timestamp createdAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) as n from shipments e where e.ca_order_id = ? and coalesce(e.profile_id, ?) = ?"
                        + " and e.status in ('NEW', 'SENDING') and e.id <> ?"
                        + " and (e.created_at < ? or (e.created_at = ? and e.id < ?))")) {
            RowReader.bind(ps, caOrderId, profileId, profileId, id, createdAt, createdAt, id);
            return ((Number) RowReader.list(ps).get(0).get("n")).longValue() > 0;
        }
    }

    /** True while the order has a shipment that is NEW or SENDING (an adjustment of that order waits for it). */
    public boolean hasUnsent(long caOrderId, long profileId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) as n from shipments where ca_order_id = ? and coalesce(profile_id, ?) = ?"
                        + " and status in ('NEW', 'SENDING')")) {
            RowReader.bind(ps, caOrderId, profileId, profileId);
            return ((Number) RowReader.list(ps).get(0).get("n")).longValue() > 0;
        }
    }

    public void markSending(String id) throws SQLException {
        update("update shipments set status = 'SENDING', error = null where id = ?", id);
    }

    public void markSent(String id) throws SQLException {
        update("update shipments set status = 'SENT', sent_at = ?, error = null where id = ?",
                Timestamp.from(Instant.now()), id);
    }

    public void markFailed(String id, String error) throws SQLException {
        update("update shipments set status = 'FAILED', error = ? where id = ? and status <> 'SENT'",
                RowReader.cut(error), id);
    }

    private void update(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            RowReader.bind(ps, values);
            ps.executeUpdate();
        }
    }
}
