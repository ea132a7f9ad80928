package org.channelbridge.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * The one dead-letter store shared by all flows (table {@code dead_letters}). A new failure of a key that already
 * has an open dead letter updates that row instead of adding a second one.
 */
public final class DeadLetterStore {

    /** Exchange properties a flow sets so that its dead-letter channel can name what failed. */
    public static final String FLOW = "bridgeFlow";
    public static final String BUSINESS_KEY = "bridgeBusinessKey";
    public static final String HTTP_STATUS = "bridgeHttpStatus";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterStore.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final DataSource dataSource;
    private final FlowStats stats;

    public DeadLetterStore(DataSource dataSource, FlowStats stats) {
        this.dataSource = dataSource;
        this.stats = stats;
    }

    /** The dead-letter channel of every flow ends here: records the failed item, logs one readable line. */
    public void store(Exchange exchange) {
        String flow = exchange.getProperty(FLOW, "unknown", String.class);
        String key = exchange.getProperty(BUSINESS_KEY, "?", String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "failed without an exception" : FailureSentence.of(cause);
        Integer status = exchange.getProperty(HTTP_STATUS, Integer.class);
        if (status == null && cause != null) {
            status = FailureSentence.httpStatusOf(cause);
        }
        record(flow, key, itemJson(exchange.getMessage().getBody()), status, reason);
        LOG.warn("{} dead-lettered {}: {}", flow, key, reason);
    }

    public synchronized long record(String flow, String key, String item, Integer status, String message) {
        Timestamp now = Timestamp.from(Instant.now());
        String shortMessage = message == null ? null : message.length() > 2000 ? message.substring(0, 2000) : message;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement find = c.prepareStatement(
                    "select id from dead_letters where flow = ? and business_key = ? and state = 'OPEN'")) {
                find.setString(1, flow);
                find.setString(2, key);
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        long id = rs.getLong(1);
                        try (PreparedStatement update = c.prepareStatement("update dead_letters set attempts = attempts + 1,"
                                + " last_status = ?, message = ?, item = ?, last_failed_at = ? where id = ?")) {
                            setStatus(update, 1, status);
                            update.setString(2, shortMessage);
                            update.setString(3, item);
                            update.setTimestamp(4, now);
                            update.setLong(5, id);
                            update.executeUpdate();
                        }
                        stats.deadLettered(flow);
                        return id;
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into dead_letters (flow, business_key, item, attempts,"
                    + " last_status, message, first_failed_at, last_failed_at, state) values (?, ?, ?, 1, ?, ?, ?, ?, 'OPEN')",
                    new String[] {"id"})) {
                insert.setString(1, flow);
                insert.setString(2, key);
                insert.setString(3, item);
                setStatus(insert, 4, status);
                insert.setString(5, shortMessage);
                insert.setTimestamp(6, now);
                insert.setTimestamp(7, now);
                insert.executeUpdate();
                stats.deadLettered(flow);
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    return keys.next() ? keys.getLong(1) : -1;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the dead letter of " + flow + " " + key
                    + " in System2: " + e.getMessage(), e);
        }
    }

    private static void setStatus(PreparedStatement ps, int index, Integer status) throws SQLException {
        if (status == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, status);
        }
    }

    private static String itemJson(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            return String.valueOf(body);
        }
    }
}
