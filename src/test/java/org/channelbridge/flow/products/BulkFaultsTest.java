package org.channelbridge.flow.products;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The faults a deployment meets on the bulk path (issue 20), each against the sandbox's real FTP server and a real
 * disk: the FTP server refusing logins or down, and the work folder's disk full (a tmpfs of a few KB, so that the
 * write meets a real ENOSPC).
 */
class BulkFaultsTest {

    private static final int PRODUCTS = 400;

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private final Map<String, String> overrides = new HashMap<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Path mounted;

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        if (sandbox != null) {
            sandbox.close();
        }
        if (database != null) {
            database.close();
        }
        if (mounted != null) {
            new ProcessBuilder("umount", "-l", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"refuseLogins, h2", "down, postgresql", "refuseLogins, mariadb"})
    void aFileTheFtpServerCannotTakeStaysInTheWorkFolderAndGoesOnceUnchangedWhenFtpIsBack(String fault, String vendor)
            throws Exception {
        start(vendor);
        for (int from = 1; from <= PRODUCTS; from += 100) {
            StringBuilder values = new StringBuilder();
            for (int i = from; i < from + 100; i++) {
                values.append(i == from ? "" : ", ").append("('F-").append(i).append("', 'Product ").append(i)
                        .append("', ").append(i).append(", 5)");
            }
            execute("insert into products (sku, title, retail_price, quantity) values " + values);
        }
        sandbox.admin("POST", "/sandbox/ftp/faults", "{\"" + fault + "\": true}");

        once();

        List<String> kept = workFiles();
        assertThat(kept).as("the file and its ledger stay in the work folder").hasSize(2);
        assertThat(rows("select status, rows_count from bulk_uploads")).containsExactly("PENDING " + PRODUCTS);
        assertThat(count("select count(*) from sync_state")).isZero();
        assertThat(count("select count(*) from dead_letters")).as("no dead letter for an outage").isZero();
        assertThat(sandbox.admin("GET", "/sandbox/ftp", null).path("files").size()).isZero();
        assertOneClearLinePerCycle(kept.get(0));

        // a second cycle while FTP is still unavailable, with a product changed meanwhile: the same file is tried
        // again, no other file is written
        execute("update products set quantity = 9 where sku = 'F-1'");
        once();

        assertThat(workFiles()).isEqualTo(kept);
        assertThat(rows("select status, rows_count from bulk_uploads")).containsExactly("PENDING " + PRODUCTS);
        assertOneClearLinePerCycle(kept.get(0));
        assertThat(batches()).as("nothing went by the API meanwhile").isZero();

        sandbox.admin("POST", "/sandbox/ftp/faults", "{\"" + fault + "\": false}");
        once();

        JsonNode files = sandbox.admin("GET", "/sandbox/ftp", null).path("files");
        assertThat(files.size()).as("one file reached ChannelAdvisor").isEqualTo(1);
        assertThat(files.get(0).path("name").asText()).isEqualTo(kept.get(0));
        assertThat(files.get(0).path("status").asText()).isEqualTo("Processed");
        assertThat(files.get(0).path("applied").asInt()).isEqualTo(PRODUCTS);
        assertThat(rows("select status, rows_count from bulk_uploads")).containsExactly("PROCESSED " + PRODUCTS);
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(PRODUCTS);
        assertThat(workFiles()).isEmpty();

        // the product changed while the file waited goes with the next cycle
        once();
        assertThat(sandbox.get("/v1/Products/$count").asInt()).isEqualTo(PRODUCTS);
        assertThat(quantityOf("F-1")).isEqualTo(9);
        assertThat(quantityOf("F-2")).isEqualTo(5);
        assertThat(count("select count(*) from dead_letters")).isZero();
    }

    @Test
    void byProductUploadAFileMeetingChannelAdvisorUnavailableWaitsInTheWorkFolderAndGoesOnceLater() throws Exception {
        start("h2");
        overrides.put("products.bulk.transport", "product-upload");
        execute("insert into products (sku, title, retail_price, quantity) select 'U-' || \"X\", 'Product ' || \"X\","
                + " \"X\", 2 from system_range(1, 50)");
        sandbox.admin("POST", "/sandbox/faults", "{\"next\": 1000, \"status\": 503, \"path\": \"/v1/ProductUpload\"}");

        once();

        List<String> kept = workFiles();
        assertThat(kept).hasSize(2);
        assertThat(rows("select status, rows_count from bulk_uploads")).containsExactly("PENDING 50");
        assertThat(count("select count(*) from dead_letters")).isZero();
        assertThat(count("select count(*) from sync_state")).isZero();

        sandbox.admin("DELETE", "/sandbox/faults", null);
        once();

        assertThat(rows("select status, rows_count, transport from bulk_uploads"))
                .containsExactly("PROCESSED 50 product-upload");
        assertThat(sandbox.get("/v1/Products/$count").asInt()).isEqualTo(50);
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(50);
        assertThat(workFiles()).isEmpty();
        assertThat(batches()).isZero();
    }

    @Test
    void anUnfinishedFileAKilledRunLeftIsRemovedWhileAFileBeingWrittenNowIsNot() throws Exception {
        start("h2");
        Path bulk = Files.createDirectories(folder.resolve("bulk"));
        Path leftover = Files.writeString(bulk.resolve("All_products-delta-20260101T000000-1.txt"), "Inventory Number\tQ");
        Path leftoverLedger = Files.writeString(bulk.resolve("All_products-delta-20260101T000000-1.txt.ledger"), "");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(java.time.Instant.now()
                .minus(ProductsBulk.LEFTOVER_AGE).minusSeconds(60));
        Files.setLastModifiedTime(leftover, old);
        Files.setLastModifiedTime(leftoverLedger, old);
        Path beingWritten = Files.writeString(bulk.resolve("All_products-full-20260101T000100-1.txt"), "Inventory");
        execute("insert into products (sku, title, retail_price, quantity) select 'L-' || \"X\", 'Product ' || \"X\","
                + " \"X\", 1 from system_range(1, 20)");

        once();

        assertThat(leftover).doesNotExist();
        assertThat(leftoverLedger).doesNotExist();
        assertThat(beingWritten).exists();
        assertThat(rows("select status, rows_count from bulk_uploads")).containsExactly("PROCESSED 20");
        assertThat(sandbox.admin("GET", "/sandbox/ftp", null).path("files").size()).isEqualTo(1);
    }

    @Test
    void aFullWorkFolderLeavesNoHalfFileAndTheCycleGoesByTheApiInstead() throws Exception {
        Path bulk = folder.resolve("bulk");
        Files.createDirectories(bulk);
        assumeTrue(mount(bulk, "32k"), "mounting a tmpfs needs root");
        start("h2");
        overrides.put("products.bulk.work-dir", bulk.toString());
        execute("insert into products (sku, title, description, retail_price, quantity) select 'D-' || \"X\","
                + " 'Product ' || \"X\", repeat('long description ', 20), \"X\", 3 from system_range(1, "
                + PRODUCTS + ")");

        once();

        assertThat(workFiles()).as("no half file is left").isEmpty();
        assertThat(count("select count(*) from bulk_uploads")).isZero();
        assertThat(sandbox.admin("GET", "/sandbox/ftp", null).path("files").size()).as("no file sent").isZero();
        List<ILoggingEvent> errors = events(Level.ERROR);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getFormattedMessage()).contains("is full").contains("No space left on device")
                .contains("$batch");
        assertThat(errors.get(0).getThrowableProxy()).isNull();
        assertThat(batches()).as("the same cycle went by the API").isPositive();
        assertThat(sandbox.get("/v1/Products/$count").asInt()).isEqualTo(PRODUCTS);
        assertThat(count("select count(*) from sync_state where ca_product_id is not null")).isEqualTo(PRODUCTS);
        assertThat(count("select count(*) from dead_letters")).isZero();
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * The bridge's log of the cycle holds one warning, from the bulk flow, naming the kept file, and no stack trace
     * (the sandbox's own FTP server, in the same JVM, is not the bridge).
     */
    private void assertOneClearLinePerCycle(String file) {
        List<ILoggingEvent> warnings = events(Level.WARN).stream()
                .filter(e -> !e.getLoggerName().startsWith("org.apache.ftpserver")
                        && !e.getLoggerName().startsWith("org.channelbridge.sandbox"))
                .toList();
        assertThat(warnings).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .contains(file).contains("stays in").contains("next products cycle");
        assertThat(warnings.get(0).getLoggerName()).isEqualTo(ProductsBulk.class.getName());
        assertThat(warnings.get(0).getThrowableProxy()).as("no stack trace").isNull();
    }

    private List<ILoggingEvent> events(Level atLeast) {
        synchronized (log.list) {
            return log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast)).toList();
        }
    }

    private boolean mount(Path where, String size) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", where.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 0) {
            mounted = where;
            return true;
        }
        return false;
    }

    private void start(String vendor) throws Exception {
        sandbox = SandboxPeer.start(s -> {
            s.ftpPickUpDelay = Duration.ofMillis(200);
            s.ftpPollInterval = Duration.ofMillis(100);
        });
        database = switch (vendor) {
            case "postgresql" -> TestDatabases.postgres();
            case "mariadb" -> TestDatabases.mariadb();
            default -> TestDatabases.h2();
        };
        try (System2Database db = System2Database.open(database.url(), database.user(), database.password(), 2)) {
            db.migrate();
        }
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("system2.jdbc.user", database.user());
        overrides.put("system2.jdbc.password", database.password());
        overrides.put("products.bulk.work-dir", folder.resolve("bulk").toString());
        overrides.put("products.bulk.confirm-poll-ms", "100");
        overrides.put("products.bulk.threshold", "10");
    }

    /** One cycle of every flow (a fresh bridge each time, as after a restart); the log of that run is kept. */
    private void once() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder.resolve("run" + System.nanoTime()), overrides);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(log);
        log.list.clear();
        log.start();
        root.addAppender(log);
        int code = new CommandLine(new ChannelBridge()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute("--once", "--config", config.toString());
        assertThat(code).as(err.toString()).isZero();
    }

    private List<String> workFiles() throws IOException {
        Path bulk = Path.of(overrides.get("products.bulk.work-dir"));
        if (!Files.exists(bulk)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(bulk)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("lost+found")).sorted()
                    .toList();
        }
    }

    private int quantityOf(String sku) {
        for (JsonNode p : sandbox.admin("GET", "/sandbox/products", null).path("value")) {
            if (p.path("Sku").asText().equals(sku)) {
                return p.path("TotalAvailableQuantity").asInt();
            }
        }
        throw new AssertionError(sku + " is not in the sandbox");
    }

    private long batches() {
        long n = 0;
        for (JsonNode count : sandbox.admin("GET", "/sandbox/stats", null).path("requests").path("POST /v1/$batch")) {
            n += count.asLong();
        }
        return n;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        String url = database.url().startsWith("jdbc:h2:")
                ? database.url() + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE" : database.url();
        return DriverManager.getConnection(url, database.user(), database.password());
    }
}
