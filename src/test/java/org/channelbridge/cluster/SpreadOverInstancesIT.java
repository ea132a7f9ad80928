package org.channelbridge.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.ops.BridgeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelbridge.cluster.LeaderFailoverIT.within;

/**
 * Two bridge processes serving two profiles (us = 12345, uk = 12346), on a file lock and on a real ZooKeeper server:
 * each leads one profile (its leadership MBeans and health say so, and each profile's orders are polled by one
 * instance only); the one killed with SIGKILL leaves both profiles to the other within 15 s, and the orders of both
 * are saved once and exported once; restarted, it leads one profile again.
 */
class SpreadOverInstancesIT {

    private static final List<String> PROFILES = List.of("12345", "12346");

    @TempDir
    Path folder;

    @Test
    void onAFileLockEachInstanceLeadsOneProfileAndTheSurvivorOfAKillLeadsBothUntilTheOtherIsBack() throws Exception {
        spreadsAndSurvivesAKill(Map.of());
    }

    @Test
    void onZooKeeperEachInstanceLeadsOneProfileAndTheSurvivorOfAKillLeadsBothUntilTheOtherIsBack() throws Exception {
        spreadsAndSurvivesAKill(Map.of("cluster.kind", "zookeeper", "cluster.zookeeper.nodes", TestZooKeeper.nodes(),
                "cluster.zookeeper.base-path", "/spread-" + System.nanoTime()));
    }

    /** {@code cluster}: the engine's settings over the file lock of {@link TwoBridges}. */
    private void spreadsAndSurvivesAKill(Map<String, String> cluster) throws Exception {
        Map<String, String> settings = new HashMap<>(cluster);
        settings.put("channeladvisor.profiles", "us,uk");
        settings.put("channeladvisor.profile.us.profile-id", "12345");
        settings.put("channeladvisor.profile.uk.profile-id", "12346");
        settings.put("demo.catalog-size", "0");
        try (TwoBridges bridges = new TwoBridges(folder, s -> s.orderPageSize = 10, settings)) {
            BridgeProcess a = bridges.startJoined(TwoBridges.LEADS);
            // every process this test starts, stopped at its end whatever happened
            List<BridgeProcess> started = new ArrayList<>(List.of(a));
            try {
                assertThat(within(Duration.ofSeconds(60), () -> a.output().contains(leads("12345"))
                        && a.output().contains(leads("12346")))).as(a.output()).isTrue();
                BridgeProcess b = bridges.startJoined(TwoBridges.STANDS_BY);
                started.add(b);
                List<BridgeProcess> both = List.of(a, b);
                assertThat(within(Duration.ofSeconds(60), () -> eachLeadsOne(bridges, both)))
                        .as("each instance leads one profile: " + roles(bridges, both)).isTrue();
                BridgeProcess usLeader = leaderOf(bridges, both, "12345");
                BridgeProcess ukLeader = leaderOf(bridges, both, "12346");
                assertThat(bridges.management(usLeader, "/observe/health"))
                        .contains("this instance is the leader of profile 12345, the standby of profile 12346");
                assertThat(bridges.management(ukLeader, "/observe/jolokia/read/org.channelbridge:type=leadership/Role"))
                        .as("the old name is the first profile's").contains("\"value\":\"standby\"");
                // a flow's MBean says who runs its profile's cycles (an instance may win an election a moment
                // before its flow MBeans are registered)
                String ukFlow = "/observe/jolokia/read/org.channelbridge:type=flows,name=orders,profile=12346/Leadership";
                assertThat(within(Duration.ofSeconds(30), () -> read(bridges, ukLeader, ukFlow)
                        .contains("\"value\":\"leader\""))).as(read(bridges, ukLeader, ukFlow)).isTrue();
                assertThat(within(Duration.ofSeconds(30), () -> read(bridges, usLeader, ukFlow)
                        .contains("\"value\":\"standby\""))).as(read(bridges, usLeader, ukFlow)).isTrue();
                assertOnePollerPerProfile(bridges);

                Map<String, Set<Long>> ready = new HashMap<>();
                seed(bridges, ready);
                assertThat(within(Duration.ofSeconds(90), () -> allSavedAndAcked(bridges, ready)))
                        .as(a.output()).isTrue();

                // SIGKILL the leader of us: the leader of uk takes us over
                usLeader.kill();
                long killed = System.nanoTime();
                assertThat(within(Duration.ofSeconds(30), () -> role(bridges, ukLeader, "12345").equals("leader")))
                        .as(ukLeader.output()).isTrue();
                Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
                assertThat(takeover).as("takeover after the leader's death").isLessThan(Duration.ofSeconds(15));
                assertThat(role(bridges, ukLeader, "12346")).isEqualTo("leader");
                seed(bridges, ready);
                assertThat(within(Duration.ofSeconds(90), () -> allSavedAndAcked(bridges, ready)))
                        .as(ukLeader.output()).isTrue();

                // the killed instance comes back and takes one profile again
                BridgeProcess back = bridges.startJoined(TwoBridges.STANDS_BY);
                started.add(back);
                List<BridgeProcess> again = List.of(ukLeader, back);
                assertThat(within(Duration.ofSeconds(60), () -> eachLeadsOne(bridges, again)))
                        .as("each instance leads one profile again: " + roles(bridges, again) + "\n"
                                + ukLeader.output()).isTrue();
                assertOnePollerPerProfile(bridges);
                seed(bridges, ready);
                assertThat(within(Duration.ofSeconds(90), () -> allSavedAndAcked(bridges, ready)))
                        .as(back.output()).isTrue();

                for (String profile : PROFILES) {
                    assertThat(bridges.system2.query("select ca_order_id from orders where profile_id = " + profile))
                            .as("each ready order of profile %s saved once", profile)
                            .containsExactlyInAnyOrderElementsOf(ready.get(profile));
                    assertThat(requests(bridges, profile, "POST /v1/Orders(ID)/Export"))
                            .as("each order of profile %s exported once", profile)
                            .isEqualTo(ready.get(profile).size());
                }
                System.out.println(settings.getOrDefault("cluster.kind", "file") + ": takeover of profile 12345 after"
                        + " SIGKILL: " + takeover.toMillis() + " ms");
            } finally {
                for (BridgeProcess process : started) {
                    process.close();
                }
            }
        }
    }

    private static String leads(String profile) {
        return TwoBridges.LEADS + " " + profile;
    }

    /** 10 new ready orders in each profile, added to {@code ready}. */
    private static void seed(TwoBridges bridges, Map<String, Set<Long>> ready) {
        String skus = TwoBridges.SKUS.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
        for (String profile : PROFILES) {
            ready.computeIfAbsent(profile, p -> new HashSet<>()).addAll(bridges.sandbox.seedOrders(
                    "{\"count\": 10, \"readyOnly\": true, \"profileId\": " + profile + ", \"skus\": " + skus + "}"));
        }
    }

    private static boolean allSavedAndAcked(TwoBridges bridges, Map<String, Set<Long>> ready) {
        long expected = ready.values().stream().mapToLong(Set::size).sum();
        return bridges.system2.countOrMinusOne("select count(*) from orders where acked_at is not null") >= expected;
    }

    /**
     * With a 2-second schedule a profile polled by one instance sees at most about 10 order polls in 20 s (a poll
     * of several pages counts each page), by two about 20.
     */
    private static void assertOnePollerPerProfile(TwoBridges bridges) throws InterruptedException {
        Map<String, Long> before = new HashMap<>();
        PROFILES.forEach(p -> before.put(p, requests(bridges, p, "GET /v1/Orders")));
        Thread.sleep(20_000);
        for (String profile : PROFILES) {
            long polls = requests(bridges, profile, "GET /v1/Orders") - before.get(profile);
            assertThat(polls).as("order polls of profile %s in 20 s", profile).isBetween(3L, 14L);
        }
    }

    private static long requests(TwoBridges bridges, String profile, String endpoint) {
        JsonNode stats = bridges.sandbox.admin("GET", "/sandbox/stats", null);
        return stats.path("requestsByProfile").path(profile).path(endpoint).asLong();
    }

    private static boolean eachLeadsOne(TwoBridges bridges, List<BridgeProcess> instances) {
        List<String> roles = new ArrayList<>();
        for (String profile : PROFILES) {
            long leaders = instances.stream().filter(i -> role(bridges, i, profile).equals("leader")).count();
            if (leaders != 1) {
                return false;
            }
        }
        for (BridgeProcess instance : instances) {
            roles.add(role(bridges, instance, "12345") + role(bridges, instance, "12346"));
        }
        return roles.stream().allMatch(r -> r.equals("leaderstandby") || r.equals("standbyleader"));
    }

    private static BridgeProcess leaderOf(TwoBridges bridges, List<BridgeProcess> instances, String profile) {
        return instances.stream().filter(i -> role(bridges, i, profile).equals("leader")).findFirst().orElseThrow();
    }

    private static String roles(TwoBridges bridges, List<BridgeProcess> instances) {
        return instances.stream().map(i -> PROFILES.stream().map(p -> p + "=" + role(bridges, i, p))
                .collect(Collectors.joining(","))).collect(Collectors.joining("; "));
    }

    /** What the management port answers at {@code path}, or why it did not answer. */
    private static String read(TwoBridges bridges, BridgeProcess instance, String path) {
        try {
            return bridges.management(instance, path);
        } catch (Exception e) {
            return "no answer: " + e;
        }
    }

    /** The role the MBean of the profile's election shows on this instance, through Jolokia. */
    private static String role(TwoBridges bridges, BridgeProcess instance, String profile) {
        try {
            String body = bridges.management(instance,
                    "/observe/jolokia/read/org.channelbridge:type=leadership,profile=" + profile + "/Role");
            return body.contains("\"value\":\"leader\"") ? "leader"
                    : body.contains("\"value\":\"standby\"") ? "standby" : "unknown";
        } catch (Exception e) {
            return "unreachable";
        }
    }
}
