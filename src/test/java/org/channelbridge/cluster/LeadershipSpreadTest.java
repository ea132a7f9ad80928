package org.channelbridge.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.channelbridge.cluster.ProfilesMember.UK;
import static org.channelbridge.cluster.ProfilesMember.US;

/**
 * Two instances serving two profiles, on a file lock and on a real ZooKeeper server: the one that starts first takes
 * both profiles, then hands one to the second; when one goes the other leads both within 15 s; when it comes back
 * each leads one again. A profile's schedule never runs on both at once.
 */
class LeadershipSpreadTest {

    @TempDir
    Path root;

    @Test
    void onAFileLockEachInstanceLeadsOneProfileAndTheSurvivorLeadsBoth() throws Exception {
        spreadsAndTakesOver(name -> ClusterMember.fileCluster(root.toString(), ""));
    }

    @Test
    void onZooKeeperEachInstanceLeadsOneProfileAndTheSurvivorLeadsBoth() throws Exception {
        String nodes = TestZooKeeper.nodes();
        Properties settings = ClusterMember.zooKeeperCluster(nodes, "");
        spreadsAndTakesOver(name -> settings);
    }

    private void spreadsAndTakesOver(Function<String, Properties> cluster) throws Exception {
        List<ProfilesMember.Run> runs = ProfilesMember.sharedRuns();
        ProfilesMember b = null;
        try (ProfilesMember a = new ProfilesMember("a", cluster.apply("a"), runs).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> a.runs(US, 0) && a.runs(UK, 0));

            b = new ProfilesMember("b", cluster.apply("b"), runs).start();
            ProfilesMember second = b;
            await("each instance leads one profile").atMost(Duration.ofSeconds(45))
                    .until(() -> a.led().size() == 1 && second.led().size() == 1);
            String handed = second.led().get(0);
            long spread = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).until(() -> second.runs(handed, spread));
            assertThat(a.led()).doesNotContain(handed);
            assertThat(ProfilesMember.moves(runs, handed)).as("the handed profile moved once, from a to b")
                    .isEqualTo(1);
            assertThat(ProfilesMember.moves(runs, other(handed))).isZero();

            a.close();
            long gone = System.nanoTime();
            await("the survivor leads both").atMost(Duration.ofSeconds(15))
                    .until(() -> second.runs(US, gone) && second.runs(UK, gone));
            assertThat(Duration.ofNanos(System.nanoTime() - gone)).isLessThan(Duration.ofSeconds(15));
        }
        try (ProfilesMember b2 = b; ProfilesMember a = new ProfilesMember("a-again", cluster.apply("a"), runs).start()) {
            await("the load spreads again").atMost(Duration.ofSeconds(45))
                    .until(() -> a.led().size() == 1 && b2.led().size() == 1);
            String back = a.led().get(0);
            long spread = System.nanoTime();
            await().atMost(Duration.ofSeconds(15)).until(() -> a.runs(back, spread));
            Thread.sleep(1000);
            assertThat(b2.leaderships().leads(back)).isFalse();
            // a's profile moved a → b on the spread... each move is a handover or a takeover, never an interleaving
            assertThat(ProfilesMember.moves(runs, US) + ProfilesMember.moves(runs, UK))
                    .as("moves of both profiles: spread, takeover, spread again").isEqualTo(3);
        }
    }

    private static String other(String profile) {
        return profile.equals(US) ? UK : US;
    }
}
