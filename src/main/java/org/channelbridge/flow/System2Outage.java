package org.channelbridge.flow;

import org.apache.camel.Exchange;
import org.channelbridge.system2.System2Reachability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The System2 database gone (maintenance, a fail-over) as the flows see it. A flow that meets the outage says so in
 * one line, leaves its items where they are (an order not saved is not acknowledged, a shipment not sent stays
 * new) and skips its cycles until the database answers again; then it says so and goes on. Items that fail because
 * the database is gone are neither retried nor dead-lettered: the next cycle after its return takes them up.
 */
public final class System2Outage {

    private static final Logger LOG = LoggerFactory.getLogger(System2Outage.class);

    private final System2Reachability reachability;
    private final Map<String, String> down = new ConcurrentHashMap<>();

    public System2Outage(System2Reachability reachability) {
        this.reachability = reachability;
    }

    /**
     * At the start of a cycle: true when the flow must skip it, the database not answering (asked with a connection
     * of its own: a refused one answers at once, where the pool would wait its whole timeout).
     */
    public boolean skipsCycle(String flow) {
        return stillDown(flow, reachability.problem());
    }

    /**
     * At the start of an item: true when its flow met the outage earlier in this cycle, so the item is left for a
     * later cycle at once instead of waiting for a connection that does not come.
     */
    public boolean skipsItem(String flow) {
        return down.containsKey(flow);
    }

    /**
     * In a flow's error handling: true when the item failed because System2 is gone: a database failure while the
     * database does not answer now, or a failure to get a connection at all (the pool's wait ran out, the server
     * refused or dropped the connection), which may surface only after the database is back. The flow is then marked
     * down and says so once; the item is left for a cycle after the database's return.
     */
    public boolean causedFailure(Exchange exchange) {
        String flow = exchange.getProperty("bridgeFlow", "unknown", String.class);
        if (down.containsKey(flow)) {
            return true;
        }
        String problem = reachability.problem();
        if (problem == null) {
            Throwable failure = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            SQLException lostConnection = lostConnection(failure);
            if (lostConnection == null) {
                return false;
            }
            problem = lostConnection.getMessage();
        }
        markDown(flow, problem);
        return true;
    }

    /**
     * The failure to reach the database in {@code failure}'s causes, if it is one: SQL's connection exceptions
     * (SQLSTATE class 08, which also covers the pool's "connection is not available") and a server that shut the
     * connection down (PostgreSQL's 57P01-57P03).
     */
    static SQLException lostConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return (SQLException) t;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return sql;
            }
        }
        return null;
    }

    /** Whether a flow is waiting for the database now. */
    public boolean isDown(String flow) {
        return down.containsKey(flow);
    }

    private boolean stillDown(String flow, String problem) {
        if (problem == null) {
            if (down.remove(flow) != null) {
                LOG.info("{}: the System2 database answers again; the flow goes on", flow);
            }
            return false;
        }
        markDown(flow, problem);
        return true;
    }

    private void markDown(String flow, String problem) {
        if (down.putIfAbsent(flow, problem) == null) {
            LOG.warn("{}: the System2 database cannot be reached ({}); the flow leaves its items for a later cycle"
                    + " and tries again each cycle", flow, problem);
        }
    }
}
