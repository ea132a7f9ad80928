package org.channelbridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} against the sandbox over real HTTP and FTP: its verdicts, exit codes, and that it writes nothing. */
class CheckCommandTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private final Map<String, String> overrides = new HashMap<>();
    private String output;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aHealthyAccountPassesEveryProbeAndNothingButTheTokenIsWritten() throws Exception {
        start(true);
        sandbox.seedOrders("{\"count\":3,\"readyOnly\":true}");
        Map<String, Long> before = writes();

        assertThat(check()).as(output).isZero();

        assertThat(output).contains("token refresh").contains("profile reachable").contains("distribution center 0")
                .contains("orders readable").contains("FTP login and /Inventory").contains("System2 schema")
                .contains("management port").contains("All 7 probes passed");
        assertThat(writes()).as("no request but GETs and the token refresh").isEqualTo(before);
    }

    @Test
    void aDistributionCenterTheAccountHasNotFailsWithItsNumberAndExit3() throws Exception {
        start(true);
        overrides.put("products.distribution-center-id", "987654");

        assertThat(check()).as(output).isEqualTo(3);

        assertThat(output).contains("distribution center 987654 does not exist")
                .contains("fix: Set products.distribution-center-id");
    }

    @Test
    void refusedCredentialsExit4() throws Exception {
        start(true);
        overrides.put("channeladvisor.refresh-token", "not-the-token");

        assertThat(check()).as(output).isEqualTo(4);

        assertThat(output).contains("token refresh").contains("FAIL");
    }

    @Test
    void anUnmigratedDatabaseFailsTheSchemaProbeAndIsLeftWithoutTables() throws Exception {
        start(false);

        assertThat(check()).as(output).isEqualTo(3);

        assertThat(output).contains("System2 schema").contains("missing tables");
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                if (!rs.getString("TABLE_SCHEM").equalsIgnoreCase("INFORMATION_SCHEMA")) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).isEmpty();
        }
    }

    @Test
    void withProductUploadTheUploadEndpointIsProbedInsteadOfFtp() throws Exception {
        start(true);
        overrides.put("products.bulk.transport", "product-upload");

        assertThat(check()).as(output).isZero();

        assertThat(output).contains("ProductUpload reachable").doesNotContain("FTP login");
    }

    private void start(boolean migrated) throws Exception {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
        if (migrated) {
            try (System2Database db = System2Database.open(database.url(), database.user(), database.password(), 2)) {
                db.migrate();
            }
        }
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("system2.jdbc.user", database.user());
        overrides.put("system2.jdbc.password", database.password());
        try (ServerSocket free = new ServerSocket(0)) {
            overrides.put("camel.management.port", String.valueOf(free.getLocalPort()));
        }
    }

    private int check() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder.resolve("run" + System.nanoTime()), overrides);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ChannelBridge()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute("check", "--config", config.toString());
        output = out + err.toString();
        return code;
    }

    /** Requests that may change something, by endpoint (the token refresh is expected). */
    private Map<String, Long> writes() {
        Map<String, Long> found = new HashMap<>();
        JsonNode requests = sandbox.admin("GET", "/sandbox/stats", null).path("requests");
        requests.fieldNames().forEachRemaining(endpoint -> {
            if (!endpoint.startsWith("GET ") && !endpoint.equals("POST /oauth2/token")) {
                long n = 0;
                for (JsonNode count : requests.path(endpoint)) {
                    n += count.asLong();
                }
                found.put(endpoint, n);
            }
        });
        return found;
    }
}
