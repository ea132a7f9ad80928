package org.channelbridge.flow.orders;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged bridge is killed with SIGKILL at random moments while it imports and acknowledges orders, then
 * restarted, again and again; at the end every ready order is in System2 exactly once and exported.
 * {@code -Dkills=N} sets the number of kills (default 20).
 */
class OrdersSurviveKillsIT {

    private static final List<String> SKUS = IntStream.rangeClosed(1, 25).mapToObj(i -> "KILL-" + i).toList();

    @TempDir
    Path folder;

    @Test
    void everyReadyOrderIsSavedOnceAndExportedAfterRepeatedKills() throws Exception {
        int kills = Integer.getInteger("kills", 20);
        long seed = Long.getLong("seed", System.nanoTime());
        Random random = new Random(seed);
        try (TestDatabases.Fresh database = TestDatabases.postgres();
             SandboxPeer sandbox = SandboxPeer.start(s -> {
                 s.orderPageSize = 20;
                 s.latency = Duration.ofMillis(30);
             })) {
            BridgeCommands system2 = BridgeCommands.against(sandbox, database, folder, Map.of());
            system2.insertProducts(SKUS);
            String skus = SKUS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
            Set<Long> ready = new HashSet<>();
            Set<Long> seeded = new HashSet<>();
            List<String> progress = new ArrayList<>();
            for (int i = 0; i < kills; i++) {
                // new orders before each start, so that every restart finds work to be interrupted in
                seeded.addAll(sandbox.seedOrders("{\"count\": 50, \"withManyItems\": 1, \"skus\": " + skus + "}"));
                ready.addAll(sandbox.readyUnexportedOrderIds());
                try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--once", "--verbose")) {
                    assertThat(bridge.awaitOutput("orders: one cycle", Duration.ofSeconds(60))).as(bridge.output()).isTrue();
                    Thread.sleep(random.nextInt(2500));
                    bridge.kill();
                }
                progress.add(system2.count("select count(*) from orders") + "/"
                        + system2.count("select count(*) from orders where acked_at is not null"));
            }
            try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--once")) {
                assertThat(bridge.waitForExit(Duration.ofMinutes(3))).as(bridge.output()).isZero();
            }

            List<Long> notReady = new ArrayList<>(seeded);
            notReady.removeAll(ready);
            String context = "seed " + seed + ", saved/acked after each kill: " + progress;
            Files.createDirectories(Path.of("target/kill-tests"));
            Files.writeString(Path.of("target/kill-tests/orders-acks.txt"),
                    kills + " kills, " + ready.size() + " ready orders; " + context + System.lineSeparator());
            assertThat(progress).as("some kill hit between the first save and the last ack; " + context)
                    .anyMatch(p -> !p.split("/")[0].equals(p.split("/")[1]));
            assertThat(system2.query("select ca_order_id from orders")).as(context)
                    .containsExactlyInAnyOrderElementsOf(ready);
            assertThat(system2.count("select count(*) from orders where acked_at is null")).as(context).isZero();
            assertThat(sandbox.readyUnexportedOrderIds()).as(context).isEmpty();
            assertThat(sandbox.all("/v1/Orders?exported=false").stream().map(o -> o.path("ID").asLong())
                    .filter(seeded::contains).toList())
                    .as("orders that were not ready are untouched; " + context)
                    .containsExactlyInAnyOrderElementsOf(notReady);
            assertThat(system2.count("select count(*) from (select order_id, ca_order_item_id from order_items"
                    + " group by order_id, ca_order_item_id having count(*) > 1) d")).isZero();
        }
    }
}
