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
 * The cancellations and refunds System2 asks the bridge to send (table {@code adjustments}) and their status:
 * NEW → SENDING (the intent, written before the call) → SUBMITTED → COMPLETE, or FAILED with the reason.
 * Adjustments carry no profile: they belong to the profile whose saved order they name.
 */
public final class AdjustmentStore {

    private static final String UNSENT = "select a.id, a.ca_order_id, a.status, a.created_at,"
            + " case when o.acked_at is not null then 'ACKED' when o.id is not null then 'SAVED'"
            + " else 'NONE' end as order_state"
            + " from adjustments a left join orders o on o.ca_order_id = a.ca_order_id and o.profile_id = ?"
            + " where a.status in ('NEW', 'SENDING')"
            + " order by a.ca_order_id, a.created_at, a.id";

    private final DataSource dataSource;

    public AdjustmentStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adjustments not yet submitted, one order's adjustments together in creation order. */
    public List<Map<String, Object>> unsent(long profileId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UNSENT)) {
            RowReader.bind(ps, profileId);
            return RowReader.list(ps);
        }
    }

    /** Adjustments ChannelAdvisor has accepted but not yet finished, of orders saved for the profile. */
    public List<Map<String, Object>> submitted(long profileId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select a.id, a.ca_order_id, a.ca_request_status, a.submitted_at from adjustments a"
                        + " join orders o on o.ca_order_id = a.ca_order_id and o.profile_id = ?"
                        + " where a.status = 'SUBMITTED' order by a.ca_order_id, a.submitted_at, a.id")) {
            RowReader.bind(ps, profileId);
            return RowReader.list(ps);
        }
    }

    public Optional<Map<String, Object>> find(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from adjustments where id = ?")) {
            RowReader.bind(ps, id);
            List<Map<String, Object>> rows = RowReader.list(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /** True while an adjustment of the same order created before this one is still NEW or SENDING. */
    public boolean hasEarlierUnsent(String id, long caOrderId, Timestamp createdAt) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) as n from adjustments e where e.ca_order_id = ? and e.status in ('NEW', 'SENDING')"
                        + " and e.id <> ? and (e.created_at < ? or (e.created_at = ? and e.id < ?))")) {
            RowReader.bind(ps, caOrderId, id, createdAt, createdAt, id);
            return ((Number) RowReader.list(ps).get(0).get("n")).longValue() > 0;
        }
    }

    public void markSending(String id) throws SQLException {
        update("update adjustments set status = 'SENDING', error = null where id = ?", id);
    }

    public void markSubmitted(String id, String requestStatus) throws SQLException {
        update("update adjustments set status = 'SUBMITTED', ca_request_status = ?, submitted_at = ?, error = null"
                + " where id = ?", requestStatus, Timestamp.from(Instant.now()), id);
    }

    /** ChannelAdvisor is still working on it: only its request status changes. */
    public void recordRequestStatus(String id, String requestStatus) throws SQLException {
        update("update adjustments set ca_request_status = ? where id = ?", requestStatus, id);
    }

    public void markComplete(String id, String requestStatus) throws SQLException {
        update("update adjustments set status = 'COMPLETE', ca_request_status = ?, settled_at = ?, error = null"
                + " where id = ?", requestStatus, Timestamp.from(Instant.now()), id);
    }

    /** Failed for good; {@code requestStatus} is ChannelAdvisor's when it reported the failure, else null. */
    public void markFailed(String id, String requestStatus, String error) throws SQLException {
        update("update adjustments set status = 'FAILED', ca_request_status = coalesce(?, ca_request_status),"
                + " settled_at = ?, error = ? where id = ? and status <> 'COMPLETE'",
                requestStatus, Timestamp.from(Instant.now()), RowReader.cut(error), id);
    }

    private void update(String sql, Object... values) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            RowReader.bind(ps, values);
            ps.executeUpdate();
        }
    }
}
