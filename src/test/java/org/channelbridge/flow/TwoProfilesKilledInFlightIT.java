package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged bridge serving two profiles (us = 12345, uk = 12346) is killed with SIGKILL while requests of both
 * profiles are on the wire: in turn while $batch requests of the products flow of both profiles are held by the
 * sandbox, while the orders of both are being read, and while their exports (acks) are. The sandbox holds each such
 * request a while, so the kill lands with both profiles' requests in flight (its per-profile in-flight count says so),
 * some unanswered, some applied but not yet recorded. System2 changes every price before each run, so every run
 * sends updates. After the kills and two clean runs, per profile: each product is in the sandbox once at the price
 * it has in that profile (product_profiles gives uk its own for some), and each ready order is in System2 once with
 * its profile and exported in its own profile. {@code -Dkills=N} sets the number of kills (default 6).
 */
class TwoProfilesKilledInFlightIT {

    private static final long US = 12345;
    private static final long UK = 12346;
    private static final List<String> SKUS = IntStream.rangeClosed(1, 240).mapToObj(i -> String.format("MID-%03d", i))
            .toList();
    /** The phases a kill lands in, in turn: the once runner's line that starts it, and what is held meanwhile. */
    private static final List<String> PHASES = List.of("products", "orders", "acks");

    @TempDir
    Path folder;

    @Test
    void productsAndOrdersOfBothProfilesAreThereOnceAfterKillsWithRequestsOfBothInFlight() throws Exception {
        int kills = Integer.getInteger("kills", 6);
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        try (TestDatabases.Fresh database = TestDatabases.postgres();
             SandboxPeer sandbox = SandboxPeer.start(s -> {
                 s.orderPageSize = 10;
                 s.latency = Duration.ofMillis(20);
             })) {
            Map<String, String> profiles = new HashMap<>();
            profiles.put("channeladvisor.profiles", "us,uk");
            profiles.put("channeladvisor.profile.us.profile-id", String.valueOf(US));
            profiles.put("channeladvisor.profile.uk.profile-id", String.valueOf(UK));
            profiles.put("demo.catalog-size", "0");
            // groups of 20 products: several $batch requests of each profile at once
            profiles.put("channeladvisor.batch-size", "20");
            BridgeCommands system2 = BridgeCommands.against(sandbox, database, folder, profiles);
            system2.insertProducts(SKUS);
            // every fifth product has a price of its own in uk (and stays in both profiles)
            for (int i = 0; i < SKUS.size(); i += 5) {
                system2.sql("insert into product_profiles (sku, profile_id, retail_price) values ('" + SKUS.get(i)
                        + "', " + US + ", null), ('" + SKUS.get(i) + "', " + UK + ", 7.25)");
            }
            String skus = SKUS.subList(0, 25).stream().map(s -> "\"" + s + "\"")
                    .collect(Collectors.joining(",", "[", "]"));
            Map<Long, Set<Long>> ready = Map.of(US, new HashSet<>(), UK, new HashSet<>());
            List<String> progress = new ArrayList<>();
            holdRequests(sandbox, true);
            for (int i = 0; i < kills; i++) {
                String phase = PHASES.get(i % PHASES.size());
                for (long profile : List.of(US, UK)) {
                    sandbox.seedOrders("{\"count\": 12, \"readyOnly\": true, \"profileId\": " + profile
                            + ", \"skus\": " + skus + "}");
                    ready.get(profile).addAll(readyUnexported(sandbox, profile));
                }
                system2.sql("update products set retail_price = retail_price + 1",
                        "update product_profiles set retail_price = retail_price + 1 where retail_price is not null");
                try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--once", "--verbose")) {
                    assertThat(bridge.awaitOutput(phase + ": one cycle", Duration.ofSeconds(120)))
                            .as("round %d: %s", i, bridge.output()).isTrue();
                    assertThat(within(Duration.ofSeconds(60), () -> bothInFlight(sandbox)))
                            .as("round %d: requests of both profiles in flight in %s; %s", i, phase, bridge.output())
                            .isTrue();
                    // within the hold of the requests in flight, or past it: some answered, not yet recorded
                    Thread.sleep(random.nextInt(2500));
                    String inFlight = inFlight(sandbox);
                    bridge.kill();
                    progress.add(phase + " (" + inFlight + ")");
                }
                progress.add(system2.count("select count(*) from sync_state where state = 'SYNCED'") + " synced, "
                        + system2.count("select count(*) from orders") + "/"
                        + system2.count("select count(*) from orders where acked_at is not null") + " orders");
            }
            holdRequests(sandbox, false);
            for (int i = 0; i < 2; i++) {
                try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--once")) {
                    assertThat(bridge.waitForExit(Duration.ofMinutes(4))).as(bridge.output()).isZero();
                }
            }

            String context = "seed " + seed + ", kills: " + progress;
            Files.createDirectories(Path.of("target/kill-tests"));
            Files.writeString(Path.of("target/kill-tests/two-profiles-in-flight.txt"), kills + " kills; " + context
                    + System.lineSeparator());
            for (long profile : List.of(US, UK)) {
                Map<String, BigDecimal> held = new TreeMap<>();
                for (JsonNode product : sandbox.all("/v1/Products?profileid=" + profile)) {
                    assertThat(held.put(product.path("Sku").asText(), product.path("RetailPrice").decimalValue()))
                            .as("Sku %s twice in profile %s; %s", product.path("Sku").asText(), profile, context)
                            .isNull();
                }
                Map<String, BigDecimal> expected = pricesIn(system2, profile);
                assertThat(held.keySet()).as("profile %s; %s", profile, context)
                        .containsExactlyInAnyOrderElementsOf(SKUS);
                for (String sku : SKUS) {
                    assertThat(held.get(sku)).as("price of %s in profile %s; %s", sku, profile, context)
                            .isEqualByComparingTo(expected.get(sku));
                }
                assertThat(system2.query("select ca_order_id from orders where profile_id = " + profile))
                        .as("profile %s; %s", profile, context).containsExactlyInAnyOrderElementsOf(ready.get(profile));
                assertThat(readyUnexported(sandbox, profile)).as("profile %s; %s", profile, context).isEmpty();
            }
            assertThat(system2.count("select count(*) from sync_state where state = 'SYNCED'"))
                    .as(context).isEqualTo(2L * SKUS.size());
            assertThat(system2.count("select count(*) from orders where acked_at is null")).as(context).isZero();
            assertThat(system2.count("select count(*) from (select order_id, ca_order_item_id from order_items"
                    + " group by order_id, ca_order_item_id having count(*) > 1) d")).as(context).isZero();
            assertThat(system2.count("select count(*) from dead_letters")).as(context).isZero();
        }
    }

    /**
     * The sandbox holds every $batch 1.5 s and every orders call (list, export) 1 s before it acts on it (or no
     * longer).
     */
    private static void holdRequests(SandboxPeer sandbox, boolean hold) {
        sandbox.admin("DELETE", "/sandbox/faults", null);
        if (hold) {
            sandbox.admin("POST", "/sandbox/faults", "{\"path\": \"\\\\$batch\", \"rate\": 1.0, \"latencyMs\": 1500}");
            sandbox.admin("POST", "/sandbox/faults", "{\"path\": \"/v1/Orders\", \"rate\": 1.0, \"latencyMs\": 1000}");
        }
    }

    /** Whether the sandbox has requests of both profiles taken in and not yet answered. */
    private static boolean bothInFlight(SandboxPeer sandbox) {
        JsonNode byProfile = sandbox.admin("GET", "/sandbox/stats", null).path("profiles");
        return inFlight(byProfile, US) > 0 && inFlight(byProfile, UK) > 0;
    }

    private static String inFlight(SandboxPeer sandbox) {
        JsonNode byProfile = sandbox.admin("GET", "/sandbox/stats", null).path("profiles");
        return "us " + inFlight(byProfile, US) + ", uk " + inFlight(byProfile, UK) + " in flight";
    }

    private static int inFlight(JsonNode byProfile, long profile) {
        int n = 0;
        for (JsonNode count : byProfile.path(String.valueOf(profile)).path("limits").path("inFlight")) {
            n += count.asInt();
        }
        return n;
    }

    /** Sku → the retail price System2 gives it in the profile (product_profiles' own, else the product's). */
    private static Map<String, BigDecimal> pricesIn(BridgeCommands system2, long profile) throws Exception {
        Map<String, BigDecimal> prices = new HashMap<>();
        for (String row : system2.column("select p.sku || '|' || coalesce(pp.retail_price, p.retail_price)"
                + " from products p left join product_profiles pp on pp.sku = p.sku and pp.profile_id = " + profile)) {
            String[] v = row.split("\\|");
            prices.put(v[0], new BigDecimal(v[1]));
        }
        return prices;
    }

    private static Set<Long> readyUnexported(SandboxPeer sandbox, long profile) {
        Set<Long> ids = new HashSet<>();
        for (JsonNode order : sandbox.all("/v1/Orders?profileid=" + profile + "&exported=false&$filter="
                + SandboxPeer.encode(SandboxPeer.READY_FILTER))) {
            ids.add(order.path("ID").asLong());
        }
        return ids;
    }

    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
