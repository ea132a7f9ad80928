package org.channelbridge.system2;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.channelbridge.config.ConfigurationException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The System2 database: a pooled DataSource and the Flyway migrations that create the System2 contract tables
 * (design §4) and the bridge's own tables on H2, PostgreSQL or MariaDB.
 */
public final class System2Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(System2Database.class);

    /** The migrations' placeholder for the profile of the rows from before profiles were stored. */
    static final String PROFILE_PLACEHOLDER = "bridge_profile_id";

    private final HikariDataSource dataSource;
    private final String vendor;
    private final System2Reachability reachability;
    private ScheduledExecutorService waiting;

    private System2Database(HikariDataSource dataSource, String vendor, System2Reachability reachability) {
        this.dataSource = dataSource;
        this.vendor = vendor;
        this.reachability = reachability;
    }

    public static System2Database open(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(normalisedUrl(jdbcUrl));
        config.setUsername(user == null || user.isEmpty() ? null : user);
        config.setPassword(password == null || password.isEmpty() ? null : password);
        // Flyway holds a lock connection while it migrates on another
        config.setMaximumPoolSize(Math.max(2, poolSize));
        config.setPoolName("system2");
        String vendor = vendorOf(jdbcUrl);
        // a database server's pool does not insist on a connection when it is made: a bridge started while the
        // server is down waits for it (migrateWhenReachable), and a command asks reachability() first for a clear
        // reason. H2 lives in this process: a file another process holds fails at once, as it always did.
        config.setInitializationFailTimeout(vendor.equals("h2") ? 10_000 : -1);
        return new System2Database(new HikariDataSource(config), vendor,
                new System2Reachability(vendor, config.getJdbcUrl(), config.getUsername(), config.getPassword()));
    }

    /**
     * H2 folds unquoted names to upper case while PostgreSQL and MariaDB keep them lower case; folding to lower
     * case on H2 too gives every route and query the same column names on all three databases. And H2 reserves
     * VALUE, a column name of the System2 contract. And H2 writes a commit to its file up to a second later by
     * default, so a process killed in that second loses transactions it reported committed (an order saved, then
     * acknowledged, then gone): WRITE_DELAY=0 makes each commit reach the file before the commit returns.
     */
    static String normalisedUrl(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:h2:")) {
            return jdbcUrl;
        }
        String url = jdbcUrl;
        String upper = jdbcUrl.toUpperCase(Locale.ROOT);
        if (!upper.contains("DATABASE_TO_LOWER")) {
            url += ";DATABASE_TO_LOWER=TRUE";
        }
        if (!upper.contains("NON_KEYWORDS")) {
            url += ";NON_KEYWORDS=VALUE";
        }
        if (!upper.contains("WRITE_DELAY") && !upper.startsWith("JDBC:H2:MEM:")) {
            url += ";WRITE_DELAY=0";
        }
        return url;
    }

    static String vendorOf(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "h2";
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return "mariadb";
        }
        throw new IllegalArgumentException("system2.jdbc.url must be an H2, PostgreSQL or MariaDB JDBC URL, not '"
                + jdbcUrl.replaceAll("password=[^&;]*", "password=***") + "'");
    }

    /** The migrations with no profile known: rows from before profiles, and rows written without one, get 0. */
    public MigrateResult migrate() {
        return migrate(0);
    }

    /**
     * Applies the pending migrations. {@code profileId}: the ChannelAdvisor profile the bridge served before profiles
     * were stored (its first configured profile); the bridge's rows from before take it, and so does a row written
     * without a profile.
     */
    public MigrateResult migrate(long profileId) {
        MigrateResult result = flyway(profileId).migrate();
        LOG.info("System2 schema on {} is at version {} ({} migration(s) applied)",
                vendor, result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result;
    }

    /**
     * For a bridge that runs on: migrates now when the database answers and returns null. When it does not answer,
     * returns why (the driver's words) and leaves the migration pending: it runs as soon as the database answers,
     * found by whoever asks {@link #reachability()} first (a flow's cycle, the health check) or by a thread of its
     * own that asks with a growing pause (1 s, doubling up to 30 s), without a line for each attempt.
     */
    public String migrateWhenReachable(long profileId) {
        String problem = reachability.problem();
        if (problem == null) {
            migrate(profileId);
            return null;
        }
        refuseWrongLogin(problem);
        reachability.untilMigrated(() -> migrate(profileId));
        waiting = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "system2-wait");
            thread.setDaemon(true);
            return thread;
        });
        askAgainAfter(1_000);
        return problem;
    }

    /**
     * A server that answers and refuses the login is not down: waiting would not mend a wrong user or password, so
     * start-up stops with one sentence naming the keys.
     */
    public void refuseWrongLogin(String problem) {
        if (reachability.loginRefused()) {
            throw new ConfigurationException("The System2 database refused the login (" + problem
                    + "): check system2.jdbc.user and system2.jdbc.password (SYSTEM2_JDBC_USER, SYSTEM2_JDBC_PASSWORD)");
        }
    }

    /** Asks the database again after {@code pauseMs}, then with a pause twice as long (at most 30 s) until it answers. */
    private void askAgainAfter(long pauseMs) {
        waiting.schedule(() -> {
            try {
                reachability.problem();
            } catch (RuntimeException e) {
                LOG.debug("Asking the System2 database failed", e);
            }
            if (reachability.migrationPending()) {
                askAgainAfter(Math.min(pauseMs * 2, 30_000));
            } else {
                LOG.info("The System2 database answers now; its schema is migrated and the flows go on");
                waiting.shutdown();
            }
        }, pauseMs, TimeUnit.MILLISECONDS);
    }

    /** The applied schema version and the migrations still pending, read without changing anything. */
    public SchemaStatus schemaStatus() {
        org.flywaydb.core.api.MigrationInfoService info = flyway(0).info();
        String current = info.current() == null ? null : info.current().getVersion().getVersion();
        return new SchemaStatus(current, info.pending().length);
    }

    private Flyway flyway(long profileId) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .placeholders(Map.of(PROFILE_PLACEHOLDER, Long.toString(profileId)))
                .load();
    }

    /** {@code version}: null when no migration was applied (an empty database). */
    public record SchemaStatus(String version, int pending) {
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether the database answers now, asked outside the pool (which would wait for a connection). */
    public System2Reachability reachability() {
        return reachability;
    }

    public String vendor() {
        return vendor;
    }

    @Override
    public void close() {
        if (waiting != null) {
            waiting.shutdownNow();
        }
        dataSource.close();
    }
}
