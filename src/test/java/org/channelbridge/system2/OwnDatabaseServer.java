package org.channelbridge.system2;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database server of a test's own (the machine's PostgreSQL or MariaDB binaries, a fresh data folder, a free
 * port), so that a test can stop and start it without disturbing anything else. PostgreSQL runs as the user
 * {@code postgres} (initdb refuses root); MariaDB as the current user.
 */
public final class OwnDatabaseServer implements AutoCloseable {

    private final String kind;
    private final Path folder;
    private final int port;
    private Process mariadb;
    private boolean running;

    private OwnDatabaseServer(String kind, Path folder, int port) {
        this.kind = kind;
        this.folder = folder;
        this.port = port;
    }

    /** A new PostgreSQL cluster (trust auth, user postgres), started. */
    public static OwnDatabaseServer postgres() throws Exception {
        Path bin = postgresBin();
        Path folder = Files.createTempDirectory("own-pg");
        run(List.of("chown", "postgres", folder.toString()));
        OwnDatabaseServer server = new OwnDatabaseServer("postgresql", folder, freePort());
        server.asPostgres(bin.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-A", "trust",
                "-U", "postgres");
        server.start();
        return server;
    }

    /** A new MariaDB data folder (root without a password on 127.0.0.1), started. */
    public static OwnDatabaseServer mariadb() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mariadbd")), "no mariadbd on this machine");
        Path folder = Files.createTempDirectory("own-mariadb");
        OwnDatabaseServer server = new OwnDatabaseServer("mariadb", folder, freePort());
        run(List.of("mariadb-install-db", "--no-defaults", "--user=" + System.getProperty("user.name"),
                "--datadir=" + folder.resolve("data"), "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        server.start();
        return server;
    }

    public String jdbcUrl() {
        return kind.equals("postgresql") ? "jdbc:postgresql://127.0.0.1:" + port + "/postgres"
                : "jdbc:mariadb://127.0.0.1:" + port + "/bridge";
    }

    public String user() {
        return kind.equals("postgresql") ? "postgres" : "root";
    }

    public String vendor() {
        return kind;
    }

    /** The database as {@link TestDatabases} hands it out (dropped with the server). */
    public TestDatabases.Fresh fresh() {
        return new TestDatabases.Fresh(jdbcUrl(), user(), "", () -> { });
    }

    public void start() throws Exception {
        running = true;
        if (kind.equals("postgresql")) {
            pgCtl("start");
        } else {
            mariadb = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults",
                    "--user=" + System.getProperty("user.name"), "--datadir=" + folder.resolve("data"),
                    "--socket=" + folder.resolve("mariadb.sock"), "--pid-file=" + folder.resolve("mariadb.pid"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve", "--skip-log-bin")
                    .redirectErrorStream(true).redirectOutput(folder.resolve("mariadb.log").toFile()).start();
            awaitConnectable("jdbc:mariadb://127.0.0.1:" + port + "/");
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", "root", "")) {
                c.createStatement().execute("create database if not exists bridge character set utf8mb4");
            }
        }
    }

    /** Stops the server the way maintenance does (connections are closed, the port refuses). */
    public void stop() throws Exception {
        running = false;
        if (kind.equals("postgresql")) {
            pgCtl("stop", "-m", "fast");
        } else if (mariadb != null) {
            mariadb.destroy();
            if (!mariadb.waitFor(60, TimeUnit.SECONDS)) {
                mariadb.destroyForcibly().waitFor();
            }
            mariadb = null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (kind.equals("postgresql") && running) {
                pgCtl("stop", "-m", "immediate");
            } else if (mariadb != null) {
                mariadb.destroyForcibly().waitFor();
            }
        } finally {
            try (Stream<Path> all = Files.walk(folder)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void pgCtl(String... action) throws Exception {
        List<String> command = new ArrayList<>(List.of(postgresBin().resolve("pg_ctl").toString(), "-D",
                folder.resolve("data").toString(), "-o", "-p " + port + " -k " + folder
                        + " -c listen_addresses=127.0.0.1", "-l", folder.resolve("log").toString(), "-w"));
        command.addAll(List.of(action));
        asPostgres(command.toArray(String[]::new));
    }

    private void asPostgres(String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        all.addAll(List.of(command));
        run(all);
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void awaitConnectable(String url) throws InterruptedException {
        SQLException last = null;
        for (int i = 0; i < 120; i++) {
            try (Connection c = DriverManager.getConnection(url, "root", "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the test's own MariaDB did not start: " + last);
    }

    private static Path postgresBin() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        Assumptions.assumeTrue(Files.isDirectory(root), "no PostgreSQL server binaries under /usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
