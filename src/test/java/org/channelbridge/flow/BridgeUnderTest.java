package org.channelbridge.flow;

import org.channelbridge.ChannelBridge;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge as a flow test drives it: a copy of the shipped config and routes pointed at a sandbox and a fresh
 * System2 database, run through the command line, and the database read back with plain JDBC.
 */
public final class BridgeUnderTest {

    private final TestDatabases.Fresh database;
    private final Path config;
    private final StringWriter log = new StringWriter();

    private BridgeUnderTest(TestDatabases.Fresh database, Path config) {
        this.database = database;
        this.config = config;
    }

    /** Migrates the database and writes the config into {@code folder}, with {@code overrides} on top. */
    public static BridgeUnderTest prepare(Path folder, SandboxPeer sandbox, TestDatabases.Fresh database,
                                          Map<String, String> overrides) throws IOException, SQLException {
        Map<String, String> keys = new HashMap<>(sandbox.bridgeOverrides());
        keys.put("system2.jdbc.url", database.url());
        keys.put("system2.jdbc.user", database.user());
        keys.put("system2.jdbc.password", database.password());
        keys.putAll(overrides);
        Path config = BridgeConfigFiles.copyWith(folder, keys);
        try (System2Database db = System2Database.open(database.url(), database.user(), database.password(), 2)) {
            db.migrate();
        }
        return new BridgeUnderTest(database, config);
    }

    public Path config() {
        return config;
    }

    /** Products in System2 (so that orders over these Skus are known). */
    public void insertProducts(List<String> skus) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "insert into products (sku, title, retail_price, quantity) values (?, ?, 20, 100)")) {
            for (String sku : skus) {
                ps.setString(1, sku);
                ps.setString(2, "Product " + sku);
                ps.executeUpdate();
            }
        }
    }

    /** {@code --once} in this JVM; the exit code. */
    public int runOnce() {
        return new CommandLine(new ChannelBridge()).setOut(new PrintWriter(log, true)).setErr(new PrintWriter(log, true))
                .execute("--once", "--config", config.toString());
    }

    /** What the command line printed so far. */
    public String log() {
        return log.toString();
    }

    /** The first column of every row, as numbers. */
    public List<Long> query(String sql) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Long> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values;
        }
    }

    public long count(String sql) throws SQLException {
        return query(sql).get(0);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }
}
