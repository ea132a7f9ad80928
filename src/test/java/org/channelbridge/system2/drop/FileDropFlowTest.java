package org.channelbridge.system2.drop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** System2 as a file drop, run by the command line against the sandbox over HTTP, with System2's tables on H2. */
class FileDropFlowTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private Path inbox;
    private Path outbox;
    private String dbUrl;
    private final Map<String, String> overrides = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxPeer.start();
        inbox = folder.resolve("inbox");
        outbox = folder.resolve("outbox");
        for (String kind : List.of("products", "shipments", "adjustments")) {
            Files.createDirectories(inbox.resolve(kind));
        }
        dbUrl = "jdbc:h2:file:" + folder.resolve("data/system2").toAbsolutePath();
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", dbUrl);
        overrides.put("system2.kind", "file");
        overrides.put("system2.file.inbox", inbox.toString());
        overrides.put("system2.file.outbox", outbox.toString());
        overrides.put("system2.file.settle-ms", "1000");
        overrides.put("system2.file.poll-ms", "200");
        overrides.put("orders.require-known-skus", "false");
        overrides.put("demo.catalog-size", "0");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void eachFileKindReachesTheSandboxAndEachReadyOrderIsAnOutboxFileBeforeItIsAcknowledged() throws Exception {
        drop("products", "catalog.csv", "Retail Price,sku,title,quantity\n"
                + "12.50,FD-1,\"Mug, enamel\",5\n"
                + "3.25,FD-2,\"Lid \"\"classic\"\"\",7\n");
        List<Long> orders = sandbox.seedOrders("{\"count\":2,\"readyOnly\":true}");

        run();

        assertThat(product("FD-1").path("Title").asText()).isEqualTo("Mug, enamel");
        assertThat(product("FD-1").path("RetailPrice").asDouble()).isEqualTo(12.5);
        assertThat(product("FD-2").path("Title").asText()).isEqualTo("Lid \"classic\"");
        assertThat(inbox.resolve("products/.done/catalog.csv")).exists();
        assertThat(inbox.resolve("products/catalog.csv")).doesNotExist();
        for (long id : orders) {
            JsonNode file = new ObjectMapper().readTree(outbox.resolve("order-" + id + ".json").toFile());
            assertThat(file.path("ca_order_id").asLong()).isEqualTo(id);
            assertThat(file.path("items")).isNotEmpty();
        }
        assertThat(sandbox.readyUnexportedOrderIds()).doesNotContainAnyElementsOf(orders);
        assertThat(column("select count(*) from orders where outbox_written_at is null")).containsExactly("0");

        long shipped = orders.get(0);
        long item = sandbox.get("/v1/Orders(" + shipped + ")?$expand=Items").path("Items").get(0).path("ID").asLong();
        drop("shipments", "ship.csv", "id,ca_order_id,carrier,shipping_class,tracking_number,ca_order_item_id,quantity\n"
                + "FD-S1," + shipped + ",UPS,Ground,1ZFD1," + item + ",1\n");
        drop("adjustments", "cancel.csv", "id,ca_order_id,kind,reason\nFD-A1," + orders.get(1) + ",cancel,BuyerCancelled\n");

        run();

        JsonNode order = sandbox.get("/v1/Orders(" + shipped + ")?$expand=Fulfillments");
        assertThat(order.path("Fulfillments").findValuesAsText("SellerFulfillmentID")).containsOnlyOnce("FD-S1");
        JsonNode cancelled = sandbox.get("/v1/Orders(" + orders.get(1) + ")?$expand=Adjustments");
        assertThat(cancelled.path("Adjustments").findValuesAsText("SellerAdjustmentID")).containsOnlyOnce("FD-A1");
        assertThat(inbox.resolve("shipments/.done/ship.csv")).exists();
        assertThat(inbox.resolve("adjustments/.done/cancel.csv")).exists();
    }

    @Test
    void malformedRowsLandInTheErrorReportWithTheirLineNumbersAndTheGoodRowsStillGo() throws Exception {
        drop("products", "mixed.csv", "sku,title,brand,retail_price,quantity\n"
                + "FD-G1,Good one,Acme,10.00,1\n"
                + ",No sku,Acme,10.00,1\n"
                + "FD-B2,Letter in quantity,Acme,10.00,1O\n"
                + "FD-B3,Too few,Acme,10.00\n"
                + "FD-G2,\"Good, two\",Acme,11.00,2\n");

        run();

        Path report = inbox.resolve("products/.error/mixed.csv.report.txt");
        assertThat(inbox.resolve("products/.error/mixed.csv")).exists();
        assertThat(Files.readAllLines(report)).contains(
                "line 3: sku is missing",
                "line 4: quantity '1O' is not a whole number",
                "line 5: the row has 4 values where the header names 5 columns");
        assertThat(product("FD-G1").path("Title").asText()).isEqualTo("Good one");
        assertThat(product("FD-G2").path("Title").asText()).isEqualTo("Good, two");
        assertThat(column("select sku from products order by sku")).containsExactly("FD-G1", "FD-G2");
    }

    @Test
    void aCorrectedRowDroppedAgainForADeadLetteredShipmentUpdatesSystem2AndResolvesItsDeadLetter() throws Exception {
        long order = sandbox.seedOrders("{\"count\":1,\"readyOnly\":true}").get(0);
        long item = sandbox.get("/v1/Orders(" + order + ")?$expand=Items").path("Items").get(0).path("ID").asLong();
        String header = "id,ca_order_id,carrier,shipping_class,tracking_number,ca_order_item_id,quantity\n";
        drop("shipments", "ship.csv", header + "FD-C1," + order + ",Pigeon,Ground,1ZFDC," + item + ",1\n");
        run();
        assertThat(column("select status from shipments where id = 'FD-C1'")).containsExactly("FAILED");
        assertThat(column("select state from dead_letters where business_key = 'FD-C1'")).containsExactly("OPEN");

        drop("shipments", "ship-fixed.csv", header + "FD-C1," + order + ",UPS,Ground,1ZFDC," + item + ",1\n");
        run();

        assertThat(column("select carrier || ' ' || status from shipments where id = 'FD-C1'")).containsExactly("UPS SENT");
        assertThat(column("select state from dead_letters where business_key = 'FD-C1'")).containsExactly("RESOLVED");
        JsonNode sent = sandbox.get("/v1/Orders(" + order + ")?$expand=Fulfillments");
        assertThat(sent.path("Fulfillments").findValuesAsText("SellerFulfillmentID")).containsOnlyOnce("FD-C1");
    }

    @Test
    void theExampleFilesGoThroughWithOrdersTheBridgeImported() throws Exception {
        sandbox.seedOrders("{\"count\":3,\"readyOnly\":true}");
        Files.copy(Path.of("examples/products.csv"), inbox.resolve("products/examples.csv"));
        run();

        Process script = new ProcessBuilder("bash", "examples/with-demo-orders.sh", outbox.toString(), inbox.toString())
                .redirectErrorStream(true).start();
        String said = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor()).as(said).isZero();
        run();

        assertThat(column("select count(*) from dead_letters")).as(column("select message from dead_letters").toString())
                .containsExactly("0");
        assertThat(column("select id || ' ' || status from shipments order by id"))
                .containsExactly("SHIP-1001 SENT", "SHIP-1002 SENT");
        assertThat(column("select id from adjustments where status in ('SUBMITTED', 'COMPLETE') order by id"))
                .containsExactly("ADJ-501", "ADJ-502");
        assertThat(product("EX-100").path("Title").asText()).isEqualTo("Trail Mug, enamel 350 ml");
    }

    @Test
    void anEmptyFileIsMovedAsideWithALineThatSaysSo() throws Exception {
        Files.writeString(inbox.resolve("products/empty.csv"), "");
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
            overrides.put("system2.file.once-wait-seconds", "10");
            run();
        } finally {
            System.setErr(stderr);
        }

        assertThat(inbox.resolve("products/.error/empty.csv")).exists();
        assertThat(inbox.resolve("products")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith("empty"));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("products/empty.csv").contains("empty");
    }

    @Test
    void theSameContentIsNotLoadedAgainButTheSameNameWithOtherContentIs() throws Exception {
        drop("products", "stock.csv", "sku,quantity\nFD-Q,5\n");
        run();
        sql("update products set quantity = 99 where sku = 'FD-Q'");

        drop("products", "stock-copy.csv", "sku,quantity\nFD-Q,5\n");
        run();
        assertThat(column("select quantity from products where sku = 'FD-Q'")).containsExactly("99");

        drop("products", "stock.csv", "sku,quantity\nFD-Q,7\n");
        run();
        assertThat(column("select quantity from products where sku = 'FD-Q'")).containsExactly("7");
        assertThat(inbox.resolve("products")).isDirectoryNotContaining(p -> p.toString().endsWith(".csv"));
    }

    @Test
    void aSlowWriterThatKeepsAnOldModifiedTimeIsNotReadEarly() throws Exception {
        Path file = inbox.resolve("products/slow.csv");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                out.write("sku,title\n".getBytes(StandardCharsets.UTF_8));
                for (int chunk = 0; chunk < 8; chunk++) {
                    for (int row = 0; row < 5; row++) {
                        out.write(("SLOW-" + chunk + "-" + row + ",Slow " + chunk + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                    Files.setLastModifiedTime(file, old);
                    Thread.sleep(400);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        run();
        writer.join();

        assertThat(column("select count(*) from products")).containsExactly("40");
        assertThat(inbox.resolve("products/.done/slow.csv")).exists();
        assertThat(inbox.resolve("products/.error")).doesNotExist();
    }

    @Test
    void aShipmentItemLeftBehindByAnInterruptedLoadDoesNotStopTheFileFromLoadingWhole() throws Exception {
        run(); // the schema
        // what H2 was seen to keep of a load killed mid-file: one item row of the unfinished transaction, no shipment
        try (Connection c = DriverManager.getConnection(dbUrl + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE")) {
            c.createStatement().execute("set referential_integrity false");
            c.createStatement().executeUpdate("insert into shipment_items (shipment_id, ca_order_item_id, quantity)"
                    + " values ('LEFT-2', 5002, 9)");
            c.createStatement().execute("set referential_integrity true");
        }
        drop("shipments", "left.csv", "id,ca_order_id,carrier,shipping_class,tracking_number,ca_order_item_id,quantity\n"
                + "LEFT-1,9001,UPS,Ground,1Z1,5001,1\n"
                + "LEFT-2,9002,UPS,Ground,1Z2,5002,2\n"
                + "LEFT-3,9003,UPS,Ground,1Z3,5003,3\n");

        run();

        assertThat(inbox.resolve("shipments/.done/left.csv")).exists();
        assertThat(column("select id from shipments order by id")).containsExactly("LEFT-1", "LEFT-2", "LEFT-3");
        assertThat(column("select shipment_id || ':' || quantity from shipment_items order by shipment_id"))
                .containsExactly("LEFT-1:1", "LEFT-2:2", "LEFT-3:3");
    }

    private void drop(String kind, String name, String content) throws IOException {
        Path hidden = inbox.resolve(kind).resolve("." + name);
        Files.writeString(hidden, content, StandardCharsets.UTF_8);
        Files.move(hidden, inbox.resolve(kind).resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private JsonNode product(String sku) {
        List<JsonNode> found = sandbox.all("/v1/Products?$filter=" + SandboxPeer.encode("Sku eq '" + sku + "'"));
        assertThat(found).as(sku).hasSize(1);
        return found.get(0);
    }

    private void run() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder.resolve("run" + System.nanoTime()), overrides);
        assertThat(ChannelBridge.execute("--once", "--config", config.toString())).isZero();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE")) {
            c.createStatement().executeUpdate(statement);
        }
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl + ";DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE");
             ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
