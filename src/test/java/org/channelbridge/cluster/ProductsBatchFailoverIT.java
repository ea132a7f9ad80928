package org.channelbridge.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.ops.BridgeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelbridge.cluster.LeaderFailoverIT.within;

/**
 * Two bridge processes of one profile on a file lock; the leader is killed with SIGKILL while a products
 * {@code $batch} is on the wire (the sandbox holds every {@code $batch} 3 s before it applies it, so it lands after the
 * leader is gone): first while it creates the catalog, then, after System2 changed every product, while the new leader
 * updates them. Each time the standby takes over, and in the end ChannelAdvisor holds each product once with System2's
 * values, and sync_state records each as SYNCED with ChannelAdvisor's ID.
 */
class ProductsBatchFailoverIT {

    private static final int MORE_PRODUCTS = 150;
    /** The 25 Skus every pair has, and 150 more: two batches of creates (99 parts each). */
    private static final int PRODUCTS = TwoBridges.SKUS.size() + MORE_PRODUCTS;

    @TempDir
    Path folder;

    @Test
    void aLeaderKilledWithAProductsBatchOnTheWireLeavesEachProductOnceWithSystem2sValues() throws Exception {
        try (TwoBridges bridges = new TwoBridges(folder, s -> { }, Map.of("products.cron", "0/5 * * * * ?"))) {
            List<String> more = new ArrayList<>();
            for (int i = 1; i <= MORE_PRODUCTS; i++) {
                String sku = String.format("FAIL-%03d", i);
                more.add("insert into products (sku, title, retail_price, quantity) values ('" + sku
                        + "', 'Failover " + i + "', " + (10 + i % 7) + ", " + (i % 40) + ")");
            }
            bridges.system2.sql(more.toArray(String[]::new));
            bridges.system2.sql("insert into product_attributes (sku, name, value) select sku, 'Colour', 'Blue'"
                    + " from products");
            holdBatches(bridges, true);
            BridgeProcess a = bridges.startJoined(TwoBridges.LEADS);
            BridgeProcess b = bridges.startJoined(TwoBridges.STANDS_BY);
            try {
                // 1. SIGKILL the leader while a batch of creates is on the wire
                // the intent is written just before the batch goes out, and the sandbox holds the batch 3 s
                assertThat(within(Duration.ofSeconds(90), () -> count(bridges,
                        "select count(*) from sync_state where state = 'CREATING'") > 0)).as(a.output()).isTrue();
                Thread.sleep(1000);
                assertThat(batchesOnTheWire(bridges)).isTrue();
                a.kill();
                String atKill = states(bridges);
                long killed = System.nanoTime();
                assertThat(b.awaitOutput(TwoBridges.LEADS, Duration.ofSeconds(30))).as(b.output()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
                assertThat(within(Duration.ofSeconds(30), () -> !batchesOnTheWire(bridges))).isTrue();
                assertThat(sandboxProducts(bridges).size()).as("creates the sandbox applied after the kill")
                        .isPositive();
                holdBatches(bridges, false);
                assertThat(within(Duration.ofSeconds(120), () -> count(bridges,
                        "select count(*) from sync_state where state = 'SYNCED'") == PRODUCTS))
                        .as("at the kill: " + atKill + "\n" + b.output()).isTrue();
                assertEachProductOnceAsSystem2HasIt(bridges, "at the kill: " + atKill);

                // 2. System2 changes every product; SIGKILL the new leader while a batch of updates is on the wire
                a = bridges.startJoined(TwoBridges.STANDS_BY);
                holdBatches(bridges, true);
                bridges.system2.sql("update products set retail_price = retail_price + 5, quantity = quantity + 3",
                        "update product_attributes set value = 'Green'");
                assertThat(within(Duration.ofSeconds(90), () -> count(bridges,
                        "select count(*) from sync_state where state = 'SENDING'") > 0)).as(b.output()).isTrue();
                Thread.sleep(1000);
                assertThat(batchesOnTheWire(bridges)).isTrue();
                b.kill();
                String atSecondKill = states(bridges);
                killed = System.nanoTime();
                assertThat(a.awaitOutput(TwoBridges.LEADS, Duration.ofSeconds(30))).as(a.output()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
                holdBatches(bridges, false);
                assertThat(within(Duration.ofSeconds(120), () -> count(bridges,
                        "select count(*) from sync_state where state = 'SYNCED'") == PRODUCTS
                        && green(bridges) == PRODUCTS)).as("at the second kill: " + atSecondKill + "\n" + a.output())
                        .isTrue();
                assertEachProductOnceAsSystem2HasIt(bridges, "at the second kill: " + atSecondKill);
                assertThat(count(bridges, "select count(*) from dead_letters")).as(a.output()).isZero();
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /** The sandbox holds every {@code $batch} 3 s before it applies it (or no longer). */
    private static void holdBatches(TwoBridges bridges, boolean hold) {
        bridges.sandbox.admin("DELETE", "/sandbox/faults", null);
        if (hold) {
            bridges.sandbox.admin("POST", "/sandbox/faults", "{\"path\": \"\\\\$batch\", \"rate\": 1.0,"
                    + " \"latencyMs\": 3000}");
        }
    }

    /** Whether the sandbox has requests of the bridge taken in and not yet answered. */
    private static boolean batchesOnTheWire(TwoBridges bridges) {
        return bridges.sandbox.admin("GET", "/sandbox/stats", null).path("limits").path("inFlight")
                .path("sandbox-app").asInt() > 0;
    }

    /** Each System2 product exactly once in ChannelAdvisor with System2's title, price, quantity and colour. */
    private static void assertEachProductOnceAsSystem2HasIt(TwoBridges bridges, String context) throws Exception {
        List<JsonNode> held = sandboxProducts(bridges);
        Map<String, JsonNode> bySku = new TreeMap<>();
        for (JsonNode product : held) {
            assertThat(bySku.put(product.path("Sku").asText(), product)).as("Sku %s twice (%s)",
                    product.path("Sku").asText(), context).isNull();
        }
        List<String> skus = bridges.system2.column("select sku from products order by sku");
        assertThat(bySku.keySet()).as(context).containsExactlyInAnyOrderElementsOf(skus);
        List<String> rows = bridges.system2.column("select p.sku || '|' || p.title || '|' || p.retail_price || '|'"
                + " || p.quantity || '|' || a.value || '|' || s.ca_product_id || '|' || s.state from products p"
                + " join product_attributes a on a.sku = p.sku join sync_state s on s.sku = p.sku");
        assertThat(rows).as(context).hasSize(PRODUCTS);
        for (String row : rows) {
            String[] v = row.split("\\|");
            JsonNode product = bySku.get(v[0]);
            assertThat(product.path("Title").asText()).as(v[0]).isEqualTo(v[1]);
            assertThat(product.path("RetailPrice").decimalValue()).as(v[0])
                    .isEqualByComparingTo(new BigDecimal(v[2]));
            assertThat(product.path("TotalAvailableQuantity").asInt()).as(v[0]).isEqualTo(Integer.parseInt(v[3]));
            assertThat(colour(product)).as(v[0]).isEqualTo(v[4]);
            assertThat(v[5]).as("sync_state's ID of " + v[0]).isEqualTo(product.path("ID").asText());
            assertThat(v[6]).as("sync_state of " + v[0]).isEqualTo("SYNCED");
        }
    }

    /** Every product the sandbox holds, duplicates included (its admin dump, not the Sku-unique API view). */
    private static List<JsonNode> sandboxProducts(TwoBridges bridges) {
        List<JsonNode> all = new ArrayList<>();
        bridges.sandbox.admin("GET", "/sandbox/products", null).path("value").forEach(all::add);
        return all;
    }

    private static long green(TwoBridges bridges) {
        return sandboxProducts(bridges).stream().filter(p -> "Green".equals(colour(p))).count();
    }

    private static String colour(JsonNode product) {
        for (JsonNode attribute : product.path("Attributes")) {
            if (attribute.path("Name").asText().equals("Colour")) {
                return attribute.path("Value").asText();
            }
        }
        return null;
    }

    private static String states(TwoBridges bridges) {
        try {
            return String.join(", ", bridges.system2.column("select state || ' ' || count(*) from sync_state"
                    + " group by state order by state")) + "; ChannelAdvisor holds " + sandboxProducts(bridges).size();
        } catch (Exception e) {
            return "(System2 did not answer: " + e.getMessage() + ")";
        }
    }

    private static long count(TwoBridges bridges, String sql) {
        return bridges.system2.countOrMinusOne(sql);
    }
}
