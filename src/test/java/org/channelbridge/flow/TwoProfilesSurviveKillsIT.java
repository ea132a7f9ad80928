package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged bridge serving two profiles (us = 12345, uk = 12346) is killed with SIGKILL at random moments while it
 * syncs products to both and imports and acknowledges the orders of both, then restarted, again and again; at the end
 * every product is in each profile once, and every ready order of each profile is in System2 once, with its profile,
 * and exported in its own profile. {@code -Dkills=N} sets the number of kills (default 8).
 */
class TwoProfilesSurviveKillsIT {

    private static final long US = 12345;
    private static final long UK = 12346;
    private static final List<String> SKUS = IntStream.rangeClosed(1, 300).mapToObj(i -> "TWO-" + i).toList();

    @TempDir
    Path folder;

    @Test
    void productsAndOrdersOfBothProfilesAreThereOnceAfterRepeatedKills() throws Exception {
        int kills = Integer.getInteger("kills", 8);
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        try (TestDatabases.Fresh database = TestDatabases.postgres();
             SandboxPeer sandbox = SandboxPeer.start(s -> {
                 s.orderPageSize = 20;
                 s.latency = Duration.ofMillis(20);
             })) {
            Map<String, String> profiles = new HashMap<>();
            profiles.put("channeladvisor.profiles", "us,uk");
            profiles.put("channeladvisor.profile.us.profile-id", String.valueOf(US));
            profiles.put("channeladvisor.profile.uk.profile-id", String.valueOf(UK));
            profiles.put("demo.catalog-size", "0");
            BridgeCommands system2 = BridgeCommands.against(sandbox, database, folder, profiles);
            system2.insertProducts(SKUS);
            String skus = SKUS.subList(0, 25).stream().map(s -> "\"" + s + "\"")
                    .collect(Collectors.joining(",", "[", "]"));
            Map<Long, Set<Long>> ready = Map.of(US, new HashSet<>(), UK, new HashSet<>());
            List<String> progress = new ArrayList<>();
            for (int i = 0; i < kills; i++) {
                for (long profile : List.of(US, UK)) {
                    sandbox.seedOrders("{\"count\": 20, \"readyOnly\": true, \"profileId\": " + profile
                            + ", \"skus\": " + skus + "}");
                    ready.get(profile).addAll(readyUnexported(sandbox, profile));
                }
                try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--once", "--verbose")) {
                    assertThat(bridge.awaitOutput("one cycle", Duration.ofSeconds(60))).as(bridge.output()).isTrue();
                    Thread.sleep(2000 + random.nextInt(6000));
                    bridge.kill();
                }
                progress.add(system2.count("select count(*) from sync_state where state = 'SYNCED'") + " synced, "
                        + system2.count("select count(*) from orders") + "/"
                        + system2.count("select count(*) from orders where acked_at is not null") + " orders");
            }
            for (int i = 0; i < 2; i++) {
                try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--once")) {
                    assertThat(bridge.waitForExit(Duration.ofMinutes(4))).as(bridge.output()).isZero();
                }
            }

            String context = "seed " + seed + ", after each kill: " + progress;
            Files.createDirectories(Path.of("target/kill-tests"));
            Files.writeString(Path.of("target/kill-tests/two-profiles.txt"), kills + " kills; " + context
                    + System.lineSeparator());
            for (long profile : List.of(US, UK)) {
                List<String> inProfile = new ArrayList<>();
                sandbox.all("/v1/Products?profileid=" + profile + "&$select=Sku")
                        .forEach(p -> inProfile.add(p.path("Sku").asText()));
                assertThat(inProfile).as("profile %s; %s", profile, context).containsExactlyInAnyOrderElementsOf(SKUS);
                assertThat(system2.query("select ca_order_id from orders where profile_id = " + profile))
                        .as("profile %s; %s", profile, context).containsExactlyInAnyOrderElementsOf(ready.get(profile));
                assertThat(readyUnexported(sandbox, profile)).as("profile %s; %s", profile, context).isEmpty();
            }
            assertThat(system2.count("select count(*) from sync_state where state = 'SYNCED'"))
                    .as(context).isEqualTo(2L * SKUS.size());
            assertThat(system2.count("select count(*) from orders where acked_at is null")).as(context).isZero();
            assertThat(system2.count("select count(*) from (select order_id, ca_order_item_id from order_items"
                    + " group by order_id, ca_order_item_id having count(*) > 1) d")).isZero();
        }
    }

    private static Set<Long> readyUnexported(SandboxPeer sandbox, long profile) {
        Set<Long> ids = new HashSet<>();
        for (JsonNode order : sandbox.all("/v1/Orders?profileid=" + profile + "&exported=false&$filter="
                + SandboxPeer.encode(SandboxPeer.READY_FILTER))) {
            ids.add(order.path("ID").asLong());
        }
        return ids;
    }
}
