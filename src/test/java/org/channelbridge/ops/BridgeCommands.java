package org.channelbridge.ops;

import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge as a test drives it: a copy of the shipped config and routes pointed at a sandbox and a System2
 * database, the command line run in-process as a user types it (what every run printed is kept), and the database
 * read back.
 */
public final class BridgeCommands {

    public record Run(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private final Path config;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final StringBuilder log = new StringBuilder();

    /**
     * The shipped config in {@code folder}, pointed at the sandbox and an H2 System2 ({@code extra} on top), with the
     * schema migrated.
     */
    public static BridgeCommands against(SandboxPeer sandbox, String h2Url, Path folder, Map<String, String> extra)
            throws IOException {
        return against(sandbox, h2Url, "", "", folder, extra);
    }

    /** The same against a fresh database of {@link TestDatabases} (H2, PostgreSQL or MariaDB). */
    public static BridgeCommands against(SandboxPeer sandbox, TestDatabases.Fresh database, Path folder,
                                         Map<String, String> extra) throws IOException {
        return against(sandbox, database.url(), database.user(), database.password(), folder, extra);
    }

    private static BridgeCommands against(SandboxPeer sandbox, String url, String user, String password, Path folder,
                                          Map<String, String> extra) throws IOException {
        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", url);
        overrides.put("system2.jdbc.user", user);
        overrides.put("system2.jdbc.password", password);
        overrides.putAll(extra);
        BridgeCommands bridge = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), url, user, password);
        bridge.migrate();
        return bridge;
    }

    public BridgeCommands(Path config, String jdbcUrl, String user, String password) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        int exit = new CommandLine(new ChannelBridge()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(all.toArray(String[]::new));
        log.append(out).append(err);
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@code --once}; the exit code. */
    public int runOnce() {
        return run("--once").exit();
    }

    /** What every run printed so far. */
    public String log() {
        return log.toString();
    }

    public Path config() {
        return config;
    }

    /** Products in System2 (so that orders over these Skus are known). */
    public void insertProducts(List<String> skus) throws SQLException {
        try (System2Database db = System2Database.open(jdbcUrl, user, password, 1);
             Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                     "insert into products (sku, title, retail_price, quantity) values (?, ?, 20, 100)")) {
            for (String sku : skus) {
                ps.setString(1, sku);
                ps.setString(2, "Product " + sku);
                ps.executeUpdate();
            }
        }
    }

    /** The first column of every row, as numbers. */
    public List<Long> query(String sql) throws SQLException {
        return column(sql).stream().map(Long::valueOf).toList();
    }

    public long count(String sql) throws SQLException {
        return query(sql).get(0);
    }

    /** The count, or -1 while the database does not answer (a test that stops it polls through the outage). */
    public long countOrMinusOne(String sql) {
        try {
            return count(sql);
        } catch (Exception e) {
            return -1;
        }
    }

    public void sql(String... statements) throws SQLException {
        try (System2Database db = System2Database.open(jdbcUrl, user, password, 1);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    public List<String> column(String sql) throws SQLException {
        try (System2Database db = System2Database.open(jdbcUrl, user, password, 1);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    public void migrate() {
        try (System2Database db = System2Database.open(jdbcUrl, user, password, 1)) {
            db.migrate();
        }
    }
}
