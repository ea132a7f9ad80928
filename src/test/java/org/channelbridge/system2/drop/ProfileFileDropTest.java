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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file drop of a bridge serving two profiles of the sandbox (us = 12345, uk = 12346), run by the command line
 * (--once) over HTTP with System2's tables on H2: each profile's orders are written to its own outbox folder, and the
 * column {@code profile} of a products, shipments or adjustments file names the profile(s) a row is for.
 */
class ProfileFileDropTest {

    private static final long US = 12345;
    private static final long UK = 12346;

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
        overrides.put("channeladvisor.profiles", "us,uk");
        overrides.put("channeladvisor.profile.us.profile-id", String.valueOf(US));
        overrides.put("channeladvisor.profile.uk.profile-id", String.valueOf(UK));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void eachProfilesOrdersAreWrittenToItsOwnOutboxFolderAndShipmentsAndAdjustmentsNameTheirProfile() throws Exception {
        List<Long> uk = sandbox.seedOrders("{\"count\":2,\"readyOnly\":true,\"profileId\":" + UK + "}");
        List<Long> us = sandbox.seedOrders("{\"count\":1,\"readyOnly\":true,\"profileId\":" + US + "}");

        run();

        assertThat(files(outbox.resolve("uk"))).containsExactlyElementsOf(orderFiles(uk));
        assertThat(files(outbox.resolve("us"))).containsExactlyElementsOf(orderFiles(us));
        assertThat(files(outbox)).as("no order file outside its profile's folder").isEmpty();
        JsonNode written = new ObjectMapper().readTree(outbox.resolve("uk/order-" + uk.get(0) + ".json").toFile());
        assertThat(written.path("profile_id").asLong()).isEqualTo(UK);
        assertThat(column("select count(*) from orders where acked_at is null")).containsExactly("0");

        drop("shipments", "ship.csv", "id,ca_order_id,profile,carrier,shipping_class,tracking_number\n"
                + "PF-S1," + uk.get(0) + ",uk,UPS,Ground,1ZPF1\n");
        drop("adjustments", "cancel.csv", "id,ca_order_id,kind,reason,profile\n"
                + "PF-A1," + uk.get(1) + ",cancel,BuyerCancelled," + UK + "\n");

        run();

        assertThat(column("select profile_id from shipments where id = 'PF-S1'")).containsExactly(String.valueOf(UK));
        assertThat(column("select profile_id from adjustments where id = 'PF-A1'")).containsExactly(String.valueOf(UK));
        assertThat(sandbox.get("/v1/Orders(" + uk.get(0) + ")?profileid=" + UK + "&$expand=Fulfillments")
                .path("Fulfillments").findValuesAsText("SellerFulfillmentID")).containsExactly("PF-S1");
        assertThat(sandbox.get("/v1/Orders(" + uk.get(1) + ")?profileid=" + UK + "&$expand=Adjustments")
                .path("Adjustments").findValuesAsText("SellerAdjustmentID")).containsExactly("PF-A1");
        assertThat(column("select count(*) from dead_letters")).containsExactly("0");
    }

    @Test
    void aProductsFileWithAProfileColumnSendsEachProductToTheProfilesItNamesOnly() throws Exception {
        drop("products", "catalog.csv", "sku,title,retail_price,quantity,profile\n"
                + "PF-UK,Only in the UK,10.00,1,uk\n"
                + "PF-ALL,Everywhere,11.00,2,\n"
                + "PF-BOTH,Both by name and id,12.00,3,\"us " + UK + "\"\n"
                + "PF-FR,Nowhere,13.00,4,fr\n");

        run();

        assertThat(skus(UK)).containsExactly("PF-ALL", "PF-BOTH", "PF-UK");
        assertThat(skus(US)).containsExactly("PF-ALL", "PF-BOTH");
        assertThat(Files.readAllLines(inbox.resolve("products/.error/catalog.csv.report.txt")))
                .contains("line 5: profile 'fr' is not one of the bridge's profiles (us = 12345, uk = 12346)");
        assertThat(column("select sku from products order by sku")).containsExactly("PF-ALL", "PF-BOTH", "PF-UK");

        // the same product named for the other profile now: it goes there (a new row of product_profiles)
        drop("products", "move.csv", "sku,title,retail_price,quantity,profile\nPF-UK,Now in the US too,10.00,1,us uk\n");

        run();

        assertThat(skus(US)).containsExactly("PF-ALL", "PF-BOTH", "PF-UK");
        assertThat(column("select profile_id from product_profiles where sku = 'PF-UK' order by 1"))
                .containsExactly(String.valueOf(US), String.valueOf(UK));
    }

    private static List<String> orderFiles(List<Long> ids) {
        return ids.stream().sorted().map(id -> "order-" + id + ".json").toList();
    }

    /** The plain files of a folder (not its sub-folders), by name. */
    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The Skus the sandbox holds in a profile. */
    private List<String> skus(long profile) {
        TreeSet<String> skus = new TreeSet<>();
        sandbox.all("/v1/Products?profileid=" + profile).forEach(p -> skus.add(p.path("Sku").asText()));
        return new ArrayList<>(skus);
    }

    private void drop(String kind, String name, String content) throws IOException {
        Path hidden = inbox.resolve(kind).resolve("." + name);
        Files.writeString(hidden, content, StandardCharsets.UTF_8);
        Files.move(hidden, inbox.resolve(kind).resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private void run() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder.resolve("run" + System.nanoTime()), overrides);
        assertThat(ChannelBridge.execute("--once", "--config", config.toString())).isZero();
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
