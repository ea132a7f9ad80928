package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.app.CommandOutcome;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.sandbox.Sandbox;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The products flow run by the command line ({@code --once}) against the sandbox over real HTTP. */
class ProductsFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    private Sandbox sandbox;
    private TestDatabases.Fresh database;
    private final HttpClient http = HttpClient.newHttpClient();
    private String token;
    private final Map<String, String> extra = new HashMap<>();

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void firstRunCreatesEverythingThenOnlyWhatChangedIsSentAndTheSandboxEqualsSystem2(String vendor) throws Exception {
        start(vendor);
        execute("insert into products (sku, title, brand, retail_price, cost, quantity) values"
                + " ('A-1', 'Kettle', 'Acme', 10.50, 4, 7), ('A-2', 'Mug ☕ \uD83D\uDE00', 'Acme', 3, 1, 0),"
                + " ('O''Brien \"X\"', 'Quoted', 'Acme', 5, 2, 3)");
        execute("insert into product_attributes (sku, name, " + valueColumn() + ") values ('A-1', 'Color', 'Red'),"
                + " ('A-1', 'Size', 'L')");

        assertThat(once()).contains("products");
        assertThat(sandboxProducts()).containsOnlyKeys("A-1", "A-2", "O'Brien \"X\"");
        JsonNode kettle = product("A-1");
        assertThat(kettle.path("RetailPrice").decimalValue()).isEqualByComparingTo("10.5");
        assertThat(kettle.path("TotalAvailableQuantity").asInt()).isEqualTo(7);
        assertThat(product("A-2").path("Title").asText()).isEqualTo("Mug ☕ \uD83D\uDE00");
        assertThat(attributes("A-1")).containsEntry("Color", "Red").containsEntry("Size", "L");

        Map<String, String> before = updateDates();
        long batchesBefore = batches();
        once();
        assertThat(updateDates()).isEqualTo(before);
        assertThat(batches()).isEqualTo(batchesBefore);

        execute("update products set retail_price = 12 where sku = 'A-1'");
        once();
        assertThat(batches()).isEqualTo(batchesBefore + 1);
        kettle = product("A-1");
        assertThat(kettle.path("RetailPrice").decimalValue()).isEqualByComparingTo("12");
        assertThat(kettle.path("QuantityUpdateDateUtc").asText())
                .isEqualTo(before.get("A-1:q")).as("a price change sends no quantity");

        execute("update products set quantity = 99 where sku = 'O''Brien \"X\"'");
        execute("update product_attributes set " + valueColumn() + " = 'Blue' where sku = 'A-1' and name = 'Color'");
        once();
        assertThat(product("O'Brien \"X\"").path("TotalAvailableQuantity").asInt()).isEqualTo(99);
        assertThat(attributes("A-1")).containsEntry("Color", "Blue");
        assertThat(sandboxProducts()).hasSize(3);
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void badRowsBecomeOneReadableDeadLetterEachAndTheRestIsSent(String vendor) throws Exception {
        start(vendor);
        // a System2 that keeps text where the contract has numbers, and longer Skus than ChannelAdvisor takes
        execute("alter table products alter column retail_price " + (vendor.equals("h2") ? "set data type" : "type")
                + " varchar(20)");
        execute("alter table products alter column sku " + (vendor.equals("h2") ? "set data type" : "type")
                + " varchar(80)");
        execute("alter table product_attributes alter column name " + (vendor.equals("h2") ? "set data type" : "type")
                + " varchar(80)");
        String longSku = "L".repeat(60);
        execute("insert into products (sku, title, retail_price, quantity) values ('GOOD-1', 'Fine', '9.99', 1),"
                + " ('NEG-1', 'Negative', '1', -4), ('NAN-1', 'Not a price', 'ten dollars', 2),"
                + " ('" + longSku + "', 'Long', '1', 1), ('ATTR-1', 'Long attribute', '1', 1)");
        execute("insert into product_attributes (sku, name, " + valueColumn() + ") values ('ATTR-1', '"
                + "A".repeat(33) + "', 'x')");

        once();

        assertThat(sandboxProducts()).containsOnlyKeys("GOOD-1");
        Map<String, String> letters = deadLetters();
        assertThat(letters).containsOnlyKeys("NEG-1", "NAN-1", longSku, "ATTR-1");
        assertThat(letters.get("NEG-1")).contains("quantity -4");
        assertThat(letters.get("NAN-1")).contains("'ten dollars', which is not a number");
        assertThat(letters.get(longSku)).contains("60 characters long; ChannelAdvisor accepts at most 50");
        assertThat(letters.get("ATTR-1")).contains("at most 32 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void a429StormFailedBatchesAndA401LoseNoProductAndCreateNoneTwice(String vendor) throws Exception {
        start(vendor);
        insertProducts("S-", 250);
        fault("{\"path\":\"batch\",\"status\":429,\"next\":3,\"retryAfter\":1}");
        fault("{\"path\":\"batch\",\"status\":500,\"next\":2}");
        fault("{\"path\":\"batch\",\"status\":401,\"next\":1}");

        once();

        Map<String, JsonNode> products = sandboxProducts();
        assertThat(products).hasSize(250);
        assertThat(get("/sandbox/products").path("value").size()).isEqualTo(250);
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(250);
        assertThat(deadLetters()).isEmpty();
        assertThat(products.get("S-42").path("RetailPrice").decimalValue()).isEqualByComparingTo("42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void aRevokedRefreshTokenStopsSendingWithoutDeadLettersAndTheNextGoodRunCatchesUp(String vendor) throws Exception {
        start(vendor);
        insertProducts("R-", 30);
        post("/sandbox/tokens/revoke", "{}");

        onceExiting(CommandOutcome.REFUSED);

        assertThat(deadLetters()).isEmpty();
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isZero();
        post("/sandbox/reset", "{}");
        token = fetchToken();
        once();
        assertThat(sandboxProducts()).hasSize(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCreateAppliedBeforeACrashIsFoundBySkuAndNotCreatedAgain(String vendor) throws Exception {
        start(vendor);
        insertProducts("C-", 3);
        // the state a crash leaves between ChannelAdvisor applying a create and the bridge storing the ID
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/Products"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Sku\":\"C-2\",\"Title\":\"Product C-2\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        execute("insert into sync_state (sku, state, synced_at) values ('C-2', 'CREATING', current_timestamp)");

        once();

        assertThat(get("/sandbox/products").path("value").size()).isEqualTo(3);
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(3);
        assertThat(product("C-2").path("TotalAvailableQuantity").asInt()).isEqualTo(2);
        assertThat(product("C-2").path("RetailPrice").decimalValue()).isEqualByComparingTo("2");
        assertThat(deadLetters()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anUpdateAppliedBeforeACrashIsSentWholeEvenWhenSystem2HoldsTheRecordedValuesAgain(String vendor)
            throws Exception {
        start(vendor);
        insertProducts("U-", 2);
        execute("insert into product_attributes (sku, name, " + valueColumn() + ") values ('U-1', 'Colour', 'Blue')");
        once();
        // the state a crash leaves: the bridge marked U-1 SENDING and sent Colour=Green and a new title, ChannelAdvisor
        // applied them, the bridge died before recording; meanwhile System2 went back to what sync_state records
        long id = product("U-1").path("ID").asLong();
        execute("update sync_state set state = 'SENDING' where sku = 'U-1'");
        assertThat(post("/v1/Products(" + id + ")/UpdateAttributes", token,
                "{\"Value\":{\"Attributes\":[{\"Name\":\"Colour\",\"Value\":\"Green\"}]}}").statusCode())
                .isLessThan(300);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/Products(" + id + ")"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"Title\":\"Sent before the crash\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isLessThan(300);

        once();

        assertThat(attributes("U-1")).containsEntry("Colour", "Blue");
        assertThat(product("U-1").path("Title").asText()).isEqualTo("Product U-1");
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(2);
        Map<String, String> before = updateDates();
        once();
        assertThat(updateDates()).as("once settled, the product is left alone again").isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void newProductsGetQuantityAndAttributesAfterTheCreateWithTheConfiguredUpdateType(String vendor) throws Exception {
        start(vendor);
        extra.put("products.quantity-update-type", "UnShipped");
        execute("insert into products (sku, title, retail_price, quantity) values ('U-1', 'Kettle', 10, 30)");
        execute("insert into product_attributes (sku, name, " + valueColumn() + ") values ('U-1', 'Color', 'Red')");

        once();
        assertThat(product("U-1").path("TotalAvailableQuantity").asInt()).isEqualTo(30);
        assertThat(attributes("U-1")).containsEntry("Color", "Red");

        // UnShipped: ChannelAdvisor subtracts what its open orders hold from System2's on-hand stock
        assertThat(post("/sandbox/orders", "{\"count\":2,\"readyOnly\":true,\"skus\":[\"U-1\"]}").statusCode())
                .isEqualTo(200);
        int pending = product("U-1").path("PendingShipmentQuantity").asInt();
        assertThat(pending).isPositive();
        execute("update products set quantity = 40 where sku = 'U-1'");
        once();
        assertThat(product("U-1").path("TotalAvailableQuantity").asInt()).isEqualTo(40 - pending);
    }

    // ---------------------------------------------------------------------------------------------------------

    private void start(String vendor) throws Exception {
        sandbox = Sandbox.start(settings());
        database = vendor.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres();
        try (System2Database db = System2Database.open(database.url(), database.user(), database.password(), 2)) {
            db.migrate();
        }
        token = fetchToken();
    }

    private static SandboxSettings settings() {
        SandboxSettings s = new SandboxSettings();
        s.httpPort = 0;
        s.ftpPort = 0;
        return s;
    }

    private String once() throws Exception {
        return onceExiting(CommandOutcome.DONE);
    }

    /** One {@code --once} run, which must end with {@code expectedExit}. */
    private String onceExiting(int expectedExit) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("channeladvisor.api-url", sandbox.baseUrl());
        overrides.put("channeladvisor.application-id", "sandbox-app");
        overrides.put("channeladvisor.shared-secret", "sandbox-secret");
        overrides.put("channeladvisor.refresh-token", "sandbox-refresh-token");
        overrides.put("channeladvisor.profile-id", "12345");
        overrides.put("channeladvisor.ftp-url", "ftp://127.0.0.1:" + sandbox.ftpPort());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("system2.jdbc.user", database.user());
        overrides.put("system2.jdbc.password", database.password());
        overrides.put("flows.redelivery-delay-ms", "10");
        overrides.putAll(extra);
        Path run = folder.resolve("run" + System.nanoTime());
        Path config = BridgeConfigFiles.copyWith(run, overrides);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ChannelBridge()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute("--once", "--config", config.toString());
        assertThat(code).as(err.toString()).isEqualTo(expectedExit);
        return out.toString();
    }

    private String valueColumn() {
        return database.url().startsWith("jdbc:mariadb") ? "`value`" : "value";
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void insertProducts(String prefix, int n) throws SQLException {
        try (Connection c = connect(); java.sql.PreparedStatement insert = c.prepareStatement(
                "insert into products (sku, title, retail_price, quantity) values (?, ?, ?, ?)")) {
            for (int i = 1; i <= n; i++) {
                insert.setString(1, prefix + i);
                insert.setString(2, "Product " + prefix + i);
                insert.setInt(3, i);
                insert.setInt(4, i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, String> deadLetters() throws SQLException {
        Map<String, String> letters = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select business_key, message from dead_letters where flow = 'products' and state = 'OPEN'")) {
            while (rs.next()) {
                letters.put(rs.getString(1), rs.getString(2));
            }
        }
        return letters;
    }

    private Connection connect() throws SQLException {
        String url = database.url().startsWith("jdbc:h2:")
                ? database.url() + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE" : database.url();
        return java.sql.DriverManager.getConnection(url, database.user(), database.password());
    }

    private String fetchToken() throws Exception {
        String basic = Base64.getEncoder().encodeToString("sandbox-app:sandbox-secret".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=sandbox-refresh-token"))
                .build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private void fault(String json) throws Exception {
        assertThat(post("/sandbox/faults", json).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String bearer, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, JsonNode> sandboxProducts() throws Exception {
        Map<String, JsonNode> products = new HashMap<>();
        String next = "/v1/Products";
        while (next != null) {
            JsonNode page = get(next);
            page.path("value").forEach(p -> products.put(p.path("Sku").asText(), p));
            String link = page.path("@odata.nextLink").asText(null);
            next = link == null ? null : link.substring(link.indexOf("/v1/"));
        }
        return products;
    }

    private JsonNode product(String sku) throws Exception {
        String filter = URLEncoder.encode("Sku eq '" + sku.replace("'", "''") + "'", StandardCharsets.UTF_8)
                .replace("+", "%20");
        return get("/v1/Products?$filter=" + filter + "&$expand=Attributes").path("value").get(0);
    }

    private Map<String, String> attributes(String sku) throws Exception {
        Map<String, String> attributes = new HashMap<>();
        product(sku).path("Attributes").forEach(a -> attributes.put(a.path("Name").asText(), a.path("Value").asText()));
        return attributes;
    }

    private Map<String, String> updateDates() throws Exception {
        Map<String, String> dates = new HashMap<>();
        for (JsonNode p : sandboxProducts().values()) {
            dates.put(p.path("Sku").asText(), p.path("UpdateDateUtc").asText());
            dates.put(p.path("Sku").asText() + ":q", p.path("QuantityUpdateDateUtc").asText());
        }
        return dates;
    }

    private long batches() throws Exception {
        JsonNode byStatus = get("/sandbox/stats").path("requests").path("POST /v1/$batch");
        List<Long> counts = new ArrayList<>();
        byStatus.forEach(n -> counts.add(n.asLong()));
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
