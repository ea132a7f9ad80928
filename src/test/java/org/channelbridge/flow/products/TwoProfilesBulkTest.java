package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The products bulk flow with two ChannelAdvisor profiles (us = 12345, uk = 12346), each with its own FTP login of
 * the sandbox, run by the command line ({@code --once}): each profile over the threshold sends its own inventory file
 * to its own inbox, with its own products and prices, and keeps its own records.
 */
class TwoProfilesBulkTest {

    private static final long US = 12345;
    private static final long UK = 12346;

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private final Map<String, String> overrides = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxPeer.start(s -> {
            s.ftpPickUpDelay = Duration.ofMillis(200);
            s.ftpPollInterval = Duration.ofMillis(100);
        });
        database = TestDatabases.h2();
        try (System2Database db = System2Database.open(database.url(), database.user(), database.password(), 2)) {
            db.migrate(US);
        }
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("system2.jdbc.user", database.user());
        overrides.put("system2.jdbc.password", database.password());
        overrides.put("orders.require-known-skus", "false");
        overrides.put("demo.catalog-size", "0");
        overrides.put("channeladvisor.profiles", "us,uk");
        overrides.put("channeladvisor.profile.us.profile-id", String.valueOf(US));
        overrides.put("channeladvisor.profile.uk.profile-id", String.valueOf(UK));
        // each profile its own FTP login: us the defaults for all, uk its own
        overrides.put("channeladvisor.profile.uk.ftp-user", new SandboxSettings().moreProfiles.get(0).ftpUser());
        overrides.put("products.bulk.threshold", "2");
        overrides.put("products.bulk.upload-redeliveries", "0");
        overrides.put("products.bulk.work-dir", folder.resolve("bulk").toString());
        overrides.put("products.bulk.confirm-poll-ms", "100");
        sql("insert into products (sku, title, retail_price, quantity) values ('BOTH-1', 'Everywhere', 15, 3),"
                + " ('BOTH-2', 'Everywhere too', 16, 4), ('BOTH-3', 'And here', 17, 5),"
                + " ('UK-ONLY', 'Only in the UK', 20, 4), ('PRICED', 'Own UK price', 15, 5)");
        sql("insert into product_profiles (sku, profile_id, retail_price) values ('UK-ONLY', ?, null)", UK);
        sql("insert into product_profiles (sku, profile_id, retail_price) values ('PRICED', ?, null),"
                + " ('PRICED', ?, 9.5)", US, UK);
    }

    @AfterEach
    void stop() {
        sandbox.close();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void eachProfileOverTheThresholdSendsItsOwnFileToItsOwnInboxWithItsOwnPrices() throws Exception {
        once();

        assertThat(batches()).as("no $batch request: both profiles went by file").isZero();
        assertThat(processedFiles(US)).hasSize(1);
        assertThat(processedFiles(UK)).hasSize(1);
        assertThat(prices(US)).containsExactly(Map.entry("BOTH-1", "15"), Map.entry("BOTH-2", "16"),
                Map.entry("BOTH-3", "17"), Map.entry("PRICED", "15"));
        assertThat(prices(UK)).containsExactly(Map.entry("BOTH-1", "15"), Map.entry("BOTH-2", "16"),
                Map.entry("BOTH-3", "17"), Map.entry("PRICED", "9.5"), Map.entry("UK-ONLY", "20"));
        assertThat(column("select profile_id || ':' || sku from sync_state where state = 'SYNCED' order by 1"))
                .containsExactly(US + ":BOTH-1", US + ":BOTH-2", US + ":BOTH-3", US + ":PRICED",
                        UK + ":BOTH-1", UK + ":BOTH-2", UK + ":BOTH-3", UK + ":PRICED", UK + ":UK-ONLY");
        assertThat(column("select profile_id || ':' || status || ':' || rows_count from bulk_uploads order by 1"))
                .containsExactly(US + ":PROCESSED:4", UK + ":PROCESSED:5");
        assertThat(Files.isDirectory(folder.resolve("bulk/us"))).as("us has its own work folder").isTrue();
        assertThat(Files.isDirectory(folder.resolve("bulk/uk"))).as("uk has its own work folder").isTrue();
        assertThat(column("select count(*) from dead_letters")).containsExactly("0");

        sql("update products set quantity = quantity + 1 where sku <> 'UK-ONLY'");
        once();

        assertThat(processedFiles(US)).as("a second file of the changed quantities").hasSize(2);
        assertThat(processedFiles(UK)).hasSize(2);
        assertThat(quantity(UK, "BOTH-1")).isEqualTo(4);
        assertThat(quantity(US, "PRICED")).isEqualTo(6);
        assertThat(batches()).isZero();
    }

    @Test
    void oneProfilesRefusedFtpLoginLeavesItsFilePendingWhileTheOtherGoesAndItIsSentLaterOnce() throws Exception {
        overrides.put("channeladvisor.profile.uk.ftp-password", "not-the-password");

        once();

        assertThat(processedFiles(US)).hasSize(1);
        assertThat(processedFiles(UK)).as("uk's login is refused").isEmpty();
        assertThat(prices(US)).containsOnlyKeys("BOTH-1", "BOTH-2", "BOTH-3", "PRICED");
        assertThat(prices(UK)).isEmpty();
        assertThat(column("select profile_id || ':' || status from bulk_uploads order by 1"))
                .containsExactly(US + ":PROCESSED", UK + ":PENDING");
        assertThat(column("select count(*) from sync_state where profile_id = " + UK)).containsExactly("0");

        overrides.remove("channeladvisor.profile.uk.ftp-password");
        once();

        assertThat(processedFiles(UK)).as("uk's pending file, sent once").hasSize(1);
        assertThat(processedFiles(US)).as("nothing new for us").hasSize(1);
        assertThat(prices(UK)).containsEntry("PRICED", "9.5").containsEntry("UK-ONLY", "20").hasSize(5);
        assertThat(column("select profile_id || ':' || status from bulk_uploads order by 1"))
                .containsExactly(US + ":PROCESSED", UK + ":PROCESSED");
        assertThat(column("select count(*) from sync_state where state = 'SYNCED' and profile_id = " + UK))
                .containsExactly("5");

        once();

        assertThat(processedFiles(UK)).as("not sent again").hasSize(1);
        assertThat(processedFiles(US)).hasSize(1);
        assertThat(batches()).isZero();
    }

    @Test
    void byProductUploadEachProfileSendsItsOwnFileInItsOwnProfile() throws Exception {
        overrides.put("products.bulk.transport", "product-upload");

        once();

        assertThat(batches()).isZero();
        assertThat(prices(US)).containsExactly(Map.entry("BOTH-1", "15"), Map.entry("BOTH-2", "16"),
                Map.entry("BOTH-3", "17"), Map.entry("PRICED", "15"));
        assertThat(prices(UK)).containsExactly(Map.entry("BOTH-1", "15"), Map.entry("BOTH-2", "16"),
                Map.entry("BOTH-3", "17"), Map.entry("PRICED", "9.5"), Map.entry("UK-ONLY", "20"));
        assertThat(column("select profile_id || ':' || status || ':' || transport || ':' || rows_count"
                + " from bulk_uploads order by 1"))
                .containsExactly(US + ":PROCESSED:product-upload:4", UK + ":PROCESSED:product-upload:5");
        assertThat(column("select profile_id || ':' || count(*) from sync_state where state = 'SYNCED'"
                + " group by profile_id order by 1")).containsExactly(US + ":4", UK + ":5");
    }

    private void once() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder.resolve("run" + System.nanoTime()), overrides);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ChannelBridge()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute("--once", "--config", config.toString());
        assertThat(code).as(err.toString()).isZero();
    }

    /** The names of the files the sandbox processed from this profile's FTP inbox. */
    private List<String> processedFiles(long profile) {
        List<String> names = new ArrayList<>();
        for (JsonNode file : sandbox.admin("GET", "/sandbox/ftp", null).path("files")) {
            if (file.path("profileId").asLong() == profile) {
                assertThat(file.path("status").asText()).as(file.toString()).isEqualTo("Processed");
                names.add(file.path("name").asText());
            }
        }
        return names;
    }

    /** The profile's products in the sandbox: Sku → retail price. */
    private Map<String, String> prices(long profile) {
        Map<String, String> prices = new TreeMap<>();
        for (JsonNode product : sandbox.all("/v1/Products?profileid=" + profile)) {
            prices.put(product.path("Sku").asText(),
                    product.path("RetailPrice").decimalValue().stripTrailingZeros().toPlainString());
        }
        return prices;
    }

    private int quantity(long profile, String sku) {
        for (JsonNode product : sandbox.all("/v1/Products?profileid=" + profile)) {
            if (product.path("Sku").asText().equals(sku)) {
                return product.path("TotalAvailableQuantity").asInt();
            }
        }
        throw new AssertionError(sku + " is not in profile " + profile);
    }

    private long batches() {
        long n = 0;
        for (JsonNode count : sandbox.admin("GET", "/sandbox/stats", null).path("requests").path("POST /v1/$batch")) {
            n += count.asLong();
        }
        return n;
    }

    private void sql(String statement, Object... values) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url() + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE",
                database.user(), database.password());
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
