package org.channelbridge.cluster;

import org.channelbridge.ops.BridgeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CAMEL-25089: a file-lock leader that is stopped (SIGSTOP) and resumes must not run beside the leader elected
 * meanwhile. On a local disk the frozen process keeps its lock; on shared storage the lock of a frozen holder is
 * dropped (an NFS lease runs out), which the test plays by removing the lock files while the leader is frozen, so
 * that the standby takes over. On waking, the old leader still holds a lock of its own: it must see the freeze,
 * leave the election, and run no cycle beside the new leader; the orders of the freeze are saved once.
 */
class FrozenLeaderIT {

    @TempDir
    Path folder;

    @Test
    void aFrozenLeaderThatWakesUpStandsDownAndRunsNoCycleBesideTheNewLeader() throws Exception {
        try (TwoBridges bridges = new TwoBridges(folder, s -> { })) {
            String skus = TwoBridges.SKUS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
            BridgeProcess a = bridges.startJoined(TwoBridges.LEADS);
            BridgeProcess b = bridges.startJoined(TwoBridges.STANDS_BY);
            try {
                // the fence stops cycles from starting, not one already under way: a cycle frozen mid-way goes on
                // when the process wakes (README, "Several instances"); the subject here is the cycles started after
                // waking, so the freeze comes after the first products cycle, the only one with work at start
                assertThat(a.awaitOutput("- products: ", Duration.ofSeconds(60))).as(a.output()).isTrue();
                signal("STOP", a);
                try (Stream<Path> files = Files.list(bridges.clusterRoot)) {
                    // the lock files (the instances' heartbeats under members/ stay)
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Files.delete(file);
                    }
                }
                assertThat(b.awaitOutput(TwoBridges.LEADS, Duration.ofSeconds(30))).as(b.output()).isTrue();
                bridges.sandbox.seedOrders("{\"count\": 10, \"skus\": " + skus + "}");
                Set<Long> ready = new HashSet<>(bridges.sandbox.readyUnexportedOrderIds());
                assertThat(LeaderFailoverIT.within(Duration.ofSeconds(30), () -> bridges.system2.countOrMinusOne(
                        "select count(*) from orders where acked_at is not null") >= ready.size())).isTrue();

                int before = a.output().length();
                signal("CONT", a);
                assertThat(a.awaitOutput("is no longer the leader of profile", Duration.ofSeconds(15)))
                        .as(a.output()).isTrue();
                // who notices the freeze first on waking is a race: the fence's clock (it leaves the elections it still
                // believes it leads, "was frozen for ...") or Camel's own lock check (the lock is gone); either way the
                // woken instance stands down, and no cycle may start beside the new leader (below)
                bridges.sandbox.seedOrders("{\"count\": 10, \"skus\": " + skus + "}");
                ready.addAll(bridges.sandbox.readyUnexportedOrderIds());
                assertThat(LeaderFailoverIT.within(Duration.ofSeconds(30), () -> bridges.system2.countOrMinusOne(
                        "select count(*) from orders where acked_at is not null") >= ready.size())).isTrue();
                Thread.sleep(4000);

                String afterWaking = a.output().substring(before);
                assertThat(cycleLines(afterWaking)).as("cycles of the woken leader:\n" + afterWaking).isEmpty();
                assertThat(b.output()).doesNotContain("is no longer the leader");
                assertThat(bridges.system2.query("select ca_order_id from orders"))
                        .containsExactlyInAnyOrderElementsOf(ready);
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /** The lines in which a flow says what its cycle did (orders: 3 saved ..., acks: ...). */
    private static List<String> cycleLines(String log) {
        return log.lines().filter(l -> l.contains("org.channelbridge.cycle")).toList();
    }

    private static void signal(String name, BridgeProcess bridge) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(bridge.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
