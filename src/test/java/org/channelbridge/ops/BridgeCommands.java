package org.channelbridge.ops;

import org.channelbridge.ChannelBridge;
import org.channelbridge.system2.System2Database;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line run in-process against one config file, as a user types it; keeps what each run printed. */
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

    /**
     * The shipped config in {@code folder}, pointed at the sandbox and an H2 System2 ({@code extra} on top), with the
     * schema migrated.
     */
    public static BridgeCommands against(org.channelbridge.flow.SandboxPeer sandbox, String h2Url, Path folder,
                                         Map<String, String> extra) throws java.io.IOException {
        Map<String, String> overrides = new java.util.HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", h2Url);
        overrides.putAll(extra);
        BridgeCommands bridge = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), h2Url, "", "");
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
        return new Run(exit, out.toString(), err.toString());
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
