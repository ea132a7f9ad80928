package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The products bulk flow run by the command line ({@code --once}) against the sandbox's FTP inbox. */
class ProductsBulkFlowTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private final Map<String, String> overrides = new HashMap<>();

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
    void aDeltaOf50000ProductsGoesByFileNotByApiAndTheSandboxEqualsSystem2() throws Exception {
        start();
        execute("insert into products (sku, title, brand, retail_price, cost, quantity)"
                + " select 'BULK-' || \"X\", 'Bulk product ' || \"X\" || char(9) || 'with tab', 'Acme', 10 + mod(\"X\", 90), 5,"
                + " mod(\"X\", 70) from system_range(1, 50000)");
        execute("insert into product_attributes (sku, name, value) select 'BULK-' || \"X\", 'Color',"
                + " 'Red' || char(10) || 'ish' from system_range(1, 50000, 1000)");

        once();

        assertThat(batches()).as("no $batch request").isZero();
        Map<String, JsonNode> products = new HashMap<>();
        sandbox.admin("GET", "/sandbox/products", null).path("value")
                .forEach(p -> products.put(p.path("Sku").asText(), p));
        assertThat(products).hasSize(50_000);
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select sku, title, retail_price, quantity from products")) {
            while (rs.next()) {
                JsonNode p = products.get(rs.getString(1));
                assertThat(p.path("Title").asText()).isEqualTo(rs.getString(2).replace('\t', ' '));
                assertThat(p.path("RetailPrice").decimalValue()).isEqualByComparingTo(rs.getBigDecimal(3));
                assertThat(p.path("TotalAvailableQuantity").asInt()).isEqualTo(rs.getInt(4));
            }
        }
        assertThat(products.get("BULK-1001").toString()).contains("Red ish");
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(50_000);
        assertThat(count("select count(*) from bulk_uploads where status = 'PROCESSED' and rows_count = 50000"))
                .isEqualTo(1);

        once();
        assertThat(batches()).isZero();
        assertThat(sandbox.admin("GET", "/sandbox/ftp", null).path("files").size())
                .as("nothing changed: no second file").isEqualTo(1);
    }

    @Test
    void aConnectionDroppedMidUploadLeavesNoFileUnderItsNameAndTheNextCycleUploadsTheKeptFileWhole() throws Exception {
        start();
        overrides.put("products.bulk.threshold", "10");
        overrides.put("products.bulk.upload-redeliveries", "0");
        execute("insert into products (sku, title, description, retail_price, quantity) select 'D-' || \"X\","
                + " 'Product ' || \"X\", repeat('long description ', 200), \"X\", 1 from system_range(1, 3000)");
        try (DroppingFtpProxy proxy = new DroppingFtpProxy(ftpPort(), 256 * 1024)) {
            overrides.put("channeladvisor.ftp-url", "ftp://127.0.0.1:" + proxy.port());
            proxy.dropNext(1);

            once();

            Thread.sleep(1_500);
            assertThat(sandbox.admin("GET", "/sandbox/ftp", null).path("files").size()).isZero();
            assertThat(inventoryFolder()).noneMatch(name -> name.endsWith(".txt"));
            assertThat(count("select count(*) from bulk_uploads where status = 'PENDING'")).isEqualTo(1);
            assertThat(count("select count(*) from sync_state")).isZero();

            once();

            JsonNode files = sandbox.admin("GET", "/sandbox/ftp", null).path("files");
            assertThat(files.size()).isEqualTo(1);
            assertThat(files.get(0).path("status").asText()).isEqualTo("Processed");
            assertThat(files.get(0).path("applied").asInt()).isEqualTo(3000);
            assertThat(sandbox.get("/v1/Products/$count").asInt()).isEqualTo(3000);
            assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(3000);
            assertThat(count("select count(*) from bulk_uploads")).as("one file, one row").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aRowTheSandboxRefusesBecomesOneDeadLetterAndTheOthersCountAsSent(String vendor) throws Exception {
        start(vendor);
        overrides.put("products.bulk.threshold", "2");
        execute("insert into products (sku, title, retail_price, quantity) values ('OK-1', 'One', 1, 1),"
                + " ('OK-2', 'Two', 2, 2), ('NO-TITLE', null, 3, 3), ('OK-3', 'Three', 3, 3)");

        String summary = once();

        assertThat(summary).contains("products-bulk");
        Map<String, String> letters = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select business_key, message from dead_letters where state = 'OPEN'")) {
            while (rs.next()) {
                letters.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(letters).containsOnlyKeys("NO-TITLE");
        assertThat(letters.get("NO-TITLE")).contains("line 2").contains("Auction Title is required");
        assertThat(sandbox.get("/v1/Products/$count").asInt()).isEqualTo(3);
        List<String> synced = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select sku from sync_state where state = 'SYNCED' order by sku")) {
            while (rs.next()) {
                synced.add(rs.getString(1));
            }
        }
        assertThat(synced).containsExactly("OK-1", "OK-2", "OK-3");
    }

    @Test
    void whenOnlyQuantitiesChangedTheFileHasTheQuantityColumnsAlone() throws Exception {
        start();
        overrides.put("products.bulk.threshold", "2");
        execute("insert into products (sku, title, brand, retail_price, quantity) values ('Q-1', 'One', 'Acme', 1, 1),"
                + " ('Q-2', 'Two', 'Acme', 2, 2), ('Q-3', 'Three', 'Acme', 3, 3)");
        once();
        execute("update products set quantity = quantity + 10");

        once();

        JsonNode files = sandbox.admin("GET", "/sandbox/ftp", null).path("files");
        assertThat(files.size()).isEqualTo(2);
        assertThat(files.get(1).path("name").asText()).startsWith("All_products-quantities-");
        assertThat(files.get(1).path("status").asText()).isEqualTo("Processed");
        Map<String, JsonNode> products = new HashMap<>();
        sandbox.admin("GET", "/sandbox/products", null).path("value")
                .forEach(p -> products.put(p.path("Sku").asText(), p));
        assertThat(products.get("Q-3").path("TotalAvailableQuantity").asInt()).isEqualTo(13);
        assertThat(products.get("Q-3").path("Brand").asText()).isEqualTo("Acme");
        assertThat(batches()).isZero();
    }

    @Test
    void aFileGoesOverFtpsWithExplicitTlsTrustingTheConfiguredStore() throws Exception {
        start();
        overrides.put("products.bulk.threshold", "1");
        overrides.put("channeladvisor.ftp-url", "ftps://127.0.0.1:" + ftpPort());
        overrides.put("channeladvisor.ftp-trust-store", sandbox.ftpTrustStore());
        overrides.put("channeladvisor.ftp-trust-store-password", "sandbox");
        execute("insert into products (sku, title, retail_price, quantity) values ('TLS-1', 'One', 1, 1),"
                + " ('TLS-2', 'Two', 2, 2)");

        once();

        JsonNode files = sandbox.admin("GET", "/sandbox/ftp", null).path("files");
        assertThat(files.size()).isEqualTo(1);
        assertThat(files.get(0).path("tls").asBoolean()).as("uploaded over a TLS-protected session").isTrue();
        assertThat(files.get(0).path("status").asText()).isEqualTo("Processed");
        assertThat(sandbox.get("/v1/Products/$count").asInt()).isEqualTo(2);
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(2);
    }

    @Test
    void anFtpsServerWhoseCertificateIsNotTrustedGetsNoFileAndTheFileWaitsInTheWorkFolder() throws Exception {
        start();
        overrides.put("products.bulk.threshold", "1");
        overrides.put("products.bulk.upload-redeliveries", "0");
        overrides.put("channeladvisor.ftp-url", "ftps://127.0.0.1:" + ftpPort());
        execute("insert into products (sku, title, retail_price, quantity) values ('TLS-1', 'One', 1, 1),"
                + " ('TLS-2', 'Two', 2, 2)");

        once();

        assertThat(count("select count(*) from bulk_uploads where status = 'PENDING'")).isEqualTo(1);
        assertThat(count("select count(*) from sync_state")).isZero();
        assertThat(sandbox.admin("GET", "/sandbox/ftp", null).path("files").size()).isZero();
    }

    @Test
    void byProductUploadAFileIsFollowedToItsFinalStatusAndItsRefusedRowBecomesADeadLetter() throws Exception {
        start();
        overrides.put("products.bulk.transport", "product-upload");
        overrides.put("products.bulk.threshold", "2");
        execute("insert into products (sku, title, retail_price, quantity) values ('PU-1', 'One', 1, 1),"
                + " ('PU-2', 'Two', 2, 2), ('PU-NO-TITLE', null, 3, 3), ('PU-3', 'Three', 3, 3)");

        once();

        assertThat(batches()).as("no $batch request").isZero();
        assertThat(sandbox.admin("GET", "/sandbox/ftp", null).path("files").size()).as("no FTP file").isZero();
        assertThat(requests("POST /v1/ProductUpload")).isEqualTo(1);
        assertThat(requests("GET /v1/ProductUpload")).isGreaterThanOrEqualTo(3);
        assertThat(sandbox.get("/v1/Products/$count").asInt()).isEqualTo(3);
        assertThat(count("select count(*) from bulk_uploads where status = 'PROCESSED' and transport = 'product-upload'"
                + " and upload_token is not null")).isEqualTo(1);
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(3);
        Map<String, String> letters = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select business_key, message from dead_letters where state = 'OPEN' and flow = 'products'")) {
            while (rs.next()) {
                letters.put(rs.getString(1), rs.getString(2));
            }
        }
        assertThat(letters).containsOnlyKeys("PU-NO-TITLE");
        assertThat(letters.get("PU-NO-TITLE")).contains("Auction Title is required");
    }

    @Test
    void anUploadEndingInAnotherFinalStatusLeavesItsProductsUnsentForTheNextCycle() throws Exception {
        sandbox = SandboxPeer.start(s -> s.productUploadFinalStatus = "SystemicFailure");
        startWith("h2");
        overrides.put("products.bulk.transport", "product-upload");
        overrides.put("products.bulk.threshold", "1");
        execute("insert into products (sku, title, retail_price, quantity) values ('SF-1', 'One', 1, 1),"
                + " ('SF-2', 'Two', 2, 2)");

        once();

        assertThat(count("select count(*) from bulk_uploads where status = 'FAILED'")).isEqualTo(1);
        assertThat(count("select count(*) from bulk_uploads where status = 'UPLOADED'")).isZero();
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isZero();
    }

    @Test
    void withoutAStatusUrlAnFtpFileCountsAsHandedOverOnceUploadedAndNoSandboxUrlIsRead() throws Exception {
        sandbox = SandboxPeer.start(s -> s.ftpPickUpDelay = Duration.ofHours(1));
        startWith("h2");
        overrides.remove("products.bulk.status-url");
        overrides.put("products.bulk.threshold", "1");
        overrides.put("products.bulk.confirm-wait-ms", "3000");
        execute("insert into products (sku, title, retail_price, quantity) values ('H-1', 'One', 1, 1),"
                + " ('H-2', 'Two', 2, 2)");

        once();

        assertThat(count("select count(*) from bulk_uploads where status = 'PROCESSED'")).isEqualTo(1);
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(2);
        assertThat(inventoryFolder()).anyMatch(name -> name.startsWith("All_products-delta-"))
                .as("the sandbox has not picked the file up yet");
    }

    // ---------------------------------------------------------------------------------------------------------

    private void start() throws Exception {
        start("h2");
    }

    private void start(String vendor) throws Exception {
        sandbox = SandboxPeer.start(s -> {
            s.ftpPickUpDelay = Duration.ofMillis(200);
            s.ftpPollInterval = Duration.ofMillis(100);
        });
        startWith(vendor);
    }

    private void startWith(String vendor) throws Exception {
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
    }

    private String once() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder.resolve("run" + System.nanoTime()), overrides);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ChannelBridge()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute("--once", "--config", config.toString());
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    private int ftpPort() {
        String url = sandbox.bridgeOverrides().get("channeladvisor.ftp-url");
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** The names in the sandbox's /Inventory folder, read over FTP directly. */
    private List<String> inventoryFolder() throws Exception {
        FTPClient ftp = new FTPClient();
        ftp.connect("127.0.0.1", ftpPort());
        try {
            ftp.login("sbxftp:sandbox", "sandbox");
            ftp.enterLocalPassiveMode();
            List<String> names = new ArrayList<>();
            for (FTPFile f : ftp.listFiles("/Inventory")) {
                names.add(f.getName());
            }
            return names;
        } finally {
            ftp.disconnect();
        }
    }

    private long requests(String methodAndPath) {
        long n = 0;
        for (JsonNode count : sandbox.admin("GET", "/sandbox/stats", null).path("requests").path(methodAndPath)) {
            n += count.asLong();
        }
        return n;
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

    private Connection connect() throws SQLException {
        String url = database.url().startsWith("jdbc:h2:")
                ? database.url() + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE" : database.url();
        return DriverManager.getConnection(url, database.user(), database.password());
    }
}
