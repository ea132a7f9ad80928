package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/mapping as an integrator uses it: the columns of add-columns.sql added to System2, the keys of
 * mapping.properties in the configuration, and one more field goes each way without a line of Java.
 */
class MappingExampleTest {

    private static final Path EXAMPLE = Path.of("examples", "mapping");

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @Test
    void theExampleSavesTheBuyersUserIdInSystem2AndSendsTheTrackingUrlToChannelAdvisor() throws Exception {
        Map<String, String> config = new HashMap<>(exampleKeys());
        config.put("demo.catalog-size", "0");
        BridgeCommands bridge = BridgeCommands.against(sandbox, database, folder, config);
        bridge.sql(exampleStatements());
        bridge.insertProducts(List.of("MAP-1"));
        long order = sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"MAP-1\"]}").get(0);

        assertThat(bridge.runOnce()).as(bridge.log()).isZero();

        String buyer = sandbox.get("/v1/Orders(" + order + ")").path("BuyerUserId").asText();
        assertThat(buyer).isNotBlank();
        assertThat(bridge.column("select buyer_user_id from orders")).containsExactly(buyer);

        bridge.sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, tracking_url)"
                + " values ('S-map', " + order + ", 'UPS', 'Ground', '1ZMAP', 'https://track.example/1ZMAP')");
        assertThat(bridge.runOnce()).as(bridge.log()).isZero();

        JsonNode fulfillment = null;
        for (JsonNode f : sandbox.get("/v1/Orders(" + order + ")?$expand=Fulfillments").path("Fulfillments")) {
            if ("S-map".equals(f.path("SellerFulfillmentID").asText())) {
                fulfillment = f;
            }
        }
        assertThat(fulfillment).as("the shipment reached ChannelAdvisor").isNotNull();
        assertThat(fulfillment.path("TrackingUrl").asText()).isEqualTo("https://track.example/1ZMAP");
    }

    private static Map<String, String> exampleKeys() throws Exception {
        Properties keys = new Properties();
        try (Reader in = Files.newBufferedReader(EXAMPLE.resolve("mapping.properties"))) {
            keys.load(in);
        }
        Map<String, String> map = new HashMap<>();
        keys.stringPropertyNames().forEach(key -> map.put(key, keys.getProperty(key)));
        assertThat(map).as("the example maps one field each way").hasSize(2);
        return map;
    }

    private static String[] exampleStatements() throws Exception {
        String script = Files.readString(EXAMPLE.resolve("add-columns.sql")).replaceAll("(?m)^--.*$", "");
        return Arrays.stream(script.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
