package org.channelbridge.ops.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * One row of the dead-letter store: what failed, how often, why, and where it stands; {@code profileId} is the
 * ChannelAdvisor profile it belongs to.
 */
public record DeadLetter(long id, String flow, String businessKey, String item, int attempts, Integer lastStatus,
                         String message, Instant firstFailedAt, Instant lastFailedAt, String state, long profileId) {

    static DeadLetter of(ResultSet rs) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new DeadLetter(rs.getLong("id"), rs.getString("flow"), rs.getString("business_key"),
                rs.getString("item"), rs.getInt("attempts"), lastStatus, rs.getString("message"),
                instant(rs.getTimestamp("first_failed_at")), instant(rs.getTimestamp("last_failed_at")),
                rs.getString("state"), rs.getLong("profile_id"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
