package org.channelbridge.system2;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Whether the System2 database answers now. Asked with a connection of its own, not one from the pool: while the
 * server is gone, the pool waits its whole connection timeout for a connection that does not come, and a refused
 * connection answers at once. An H2 database lives in the bridge's own process and is always there.
 */
public final class System2Reachability {

    private static final Logger LOG = LoggerFactory.getLogger(System2Reachability.class);

    private static final int TIMEOUT_SECONDS = 5;

    private final String vendor;
    private final String url;
    private final Properties connection = new Properties();
    private volatile Runnable pendingMigration;
    private volatile boolean loginRefused;

    System2Reachability(String vendor, String url, String user, String password) {
        this.vendor = vendor;
        this.url = url;
        if (user != null) {
            connection.setProperty("user", user);
        }
        if (password != null) {
            connection.setProperty("password", password);
        }
        if (vendor.equals("postgresql")) {
            connection.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
            connection.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS * 2));
        } else if (vendor.equals("mariadb")) {
            connection.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS * 1000));
            connection.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS * 2000));
        }
    }

    /**
     * Null when the database answers (and its schema is migrated); otherwise why not, in the driver's words. A
     * migration left pending while the database was gone ({@link System2Database#migrateWhenReachable}) runs here,
     * the first time the database answers, before anything is told that it does.
     */
    public String problem() {
        String problem = connectionProblem();
        return problem != null ? problem : migrated();
    }

    /**
     * Whether the last attempt reached the server and it refused the login (a wrong user or password: a setting to
     * correct, not an outage to wait out).
     */
    public boolean loginRefused() {
        return loginRefused;
    }

    /** The migration to run once the database answers; until it has run the database counts as not there. */
    synchronized void untilMigrated(Runnable migration) {
        pendingMigration = migration;
    }

    /** Whether a migration still waits for the database. */
    public boolean migrationPending() {
        return pendingMigration != null;
    }

    private synchronized String migrated() {
        if (pendingMigration == null) {
            return null;
        }
        try {
            pendingMigration.run();
            pendingMigration = null;
            return null;
        } catch (RuntimeException e) {
            LOG.debug("The pending migration of System2 failed", e);
            return "its schema could not be migrated yet: " + reason(e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
    }

    private String connectionProblem() {
        if (vendor.equals("h2")) {
            return null;
        }
        try (Connection c = DriverManager.getConnection(url, connection)) {
            loginRefused = false;
            return c.isValid(TIMEOUT_SECONDS) ? null : "it did not answer within " + TIMEOUT_SECONDS + " s";
        } catch (SQLException e) {
            // SQLSTATE class 28, invalid authorization: the server answered and refused the user or its password
            loginRefused = e.getSQLState() != null && e.getSQLState().startsWith("28");
            String message = e.getMessage();
            return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
        }
    }
}
