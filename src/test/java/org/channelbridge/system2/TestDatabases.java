package org.channelbridge.system2;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh, empty databases for tests: H2 in memory always; PostgreSQL (127.0.0.1:5432, user postgres, trust auth)
 * and MariaDB (127.0.0.1:3306, root, empty password) where they run. Without them those tests are skipped with a
 * message, unless REQUIRE_DATABASES=true (as .ci/run sets), which turns their absence into a failure.
 */
public final class TestDatabases {

    public record Fresh(String url, String user, String password, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }

    private static final String PG_ADMIN = System.getenv().getOrDefault("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String MARIADB_ADMIN = System.getenv().getOrDefault("TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/");

    private TestDatabases() {
    }

    public static Fresh h2() {
        return new Fresh("jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1", "", "", () -> { });
    }

    public static Fresh postgres() {
        String name = "cb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        adminExecute(PG_ADMIN, "postgres", "", "create database " + name, "PostgreSQL on 127.0.0.1:5432");
        return new Fresh(PG_ADMIN.replaceFirst("/postgres$", "/" + name), "postgres", "",
                () -> adminExecute(PG_ADMIN, "postgres", "", "drop database if exists " + name + " with (force)", "PostgreSQL"));
    }

    public static Fresh mariadb() {
        String name = "cb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        adminExecute(MARIADB_ADMIN, "root", "", "create database " + name + " character set utf8mb4", "MariaDB on 127.0.0.1:3306");
        return new Fresh(MARIADB_ADMIN + name, "root", "",
                () -> adminExecute(MARIADB_ADMIN, "root", "", "drop database if exists " + name, "MariaDB"));
    }

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("REQUIRE_DATABASES"));
    }

    private static void adminExecute(String url, String user, String password, String sql, String what) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            if (required()) {
                throw new IllegalStateException(what + " is required (REQUIRE_DATABASES=true) but not usable: " + e.getMessage(), e);
            }
            Assumptions.abort(what + " is not running, so this test is skipped (start it, or set REQUIRE_DATABASES=true "
                    + "to make its absence a failure): " + e.getMessage());
        }
    }
}
