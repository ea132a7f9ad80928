package org.channelbridge.system2.drop;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar killed with SIGKILL while it loads a large shipments file and a products file, then started
 * again: every row is in System2 exactly once and both files end in .done. System2 is PostgreSQL, whose crash
 * recovery is exact: H2 has been seen to keep a row of the transaction a kill interrupted (README, "System2").
 */
class FileDropKillIT {

    private static final int SHIPMENTS = 60_000;
    private static final int PRODUCTS = 100_000;
    private static final String NEVER = "0 0 0 1 1 ? 2099";

    @TempDir
    Path folder;

    @Test
    void aCrashMidFileFollowedByARestartLoadsEveryRowExactlyOnce() throws Exception {
        try (TestDatabases.Fresh database = TestDatabases.postgres(); SandboxPeer sandbox = SandboxPeer.start()) {
            Path inbox = folder.resolve("inbox");
            Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
            overrides.put("system2.jdbc.url", database.url());
            overrides.put("system2.jdbc.user", database.user());
            overrides.put("system2.jdbc.password", database.password());
            overrides.put("system2.kind", "file");
            overrides.put("system2.file.inbox", inbox.toString());
            overrides.put("system2.file.outbox", folder.resolve("outbox").toString());
            overrides.put("system2.file.settle-ms", "500");
            overrides.put("system2.file.poll-ms", "200");
            overrides.put("demo.catalog-size", "0");
            // only the file routes work here: the flows' schedules lie far in the future
            for (String flow : List.of("products", "orders", "acks", "shipments", "refunds")) {
                overrides.put(flow + ".cron", NEVER);
            }
            Path config = BridgeConfigFiles.copyWith(folder, overrides);
            write(inbox.resolve("shipments/big.csv"), "id,ca_order_id,carrier,shipping_class,tracking_number,ca_order_item_id,quantity",
                    SHIPMENTS, i -> "K-" + i + "," + (1000 + i) + ",UPS,Ground,1Z" + i + "," + (5000 + i) + ",1");
            write(inbox.resolve("products/big.csv"), "sku,title,quantity", PRODUCTS, i -> "P-" + i + ",Product " + i + "," + i);

            try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--config", config.toString())) {
                assertThat(bridge.awaitOutput("shipments/big.csv: 50000 rows so far", Duration.ofSeconds(90)))
                        .as(bridge.output()).isTrue();
                bridge.kill();
            }
            assertThat(inbox.resolve("shipments/big.csv")).as("killed mid-file").exists();

            try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--config", config.toString())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!(Files.exists(inbox.resolve("shipments/.done/big.csv")) && Files.exists(inbox.resolve("products/.done/big.csv")))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(inbox.resolve("shipments/.done/big.csv")).as(bridge.output()).exists();
                assertThat(inbox.resolve("products/.done/big.csv")).as(bridge.output()).exists();
            }

            try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password())) {
                assertThat(count(c, "select count(*) from shipments")).isEqualTo(SHIPMENTS);
                assertThat(count(c, "select count(*) from shipment_items")).isEqualTo(SHIPMENTS);
                assertThat(count(c, "select count(distinct id) from shipments where status = 'NEW'")).isEqualTo(SHIPMENTS);
                assertThat(count(c, "select count(*) from products")).isEqualTo(PRODUCTS);
                assertThat(count(c, "select count(*) from products where quantity = cast(substring(sku, 3) as int)"))
                        .isEqualTo(PRODUCTS);
            }
            assertThat(inbox.resolve("shipments/.error")).doesNotExist();
            assertThat(inbox.resolve("products/.error")).doesNotExist();
        }
    }

    private static void write(Path file, String header, int rows, java.util.function.IntFunction<String> row) throws IOException {
        Files.createDirectories(file.getParent());
        Path hidden = file.resolveSibling("." + file.getFileName());
        try (BufferedWriter out = Files.newBufferedWriter(hidden)) {
            out.write(header);
            out.newLine();
            for (int i = 0; i < rows; i++) {
                out.write(row.apply(i));
                out.newLine();
            }
        }
        Files.move(hidden, file);
    }

    private static long count(Connection c, String query) throws java.sql.SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
