package org.channelbridge.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances of one profile on a real ZooKeeper server (cluster.kind=zookeeper). */
class ZooKeeperLeadershipTest {

    @Test
    void onlyTheLeaderRunsItsScheduleAndTheStandbyTakesOverWhenTheLeaderGoes() throws Exception {
        String nodes = TestZooKeeper.nodes();
        java.util.Properties settings = ClusterMember.zooKeeperCluster(nodes, "12345");
        try (ClusterMember a = new ClusterMember("a", settings).start()) {
            await().atMost(Duration.ofSeconds(15)).until(a::leads);
            try (ClusterMember b = new ClusterMember("b", settings).start()) {
                Thread.sleep(3000);
                assertThat(b.leads()).isFalse();
                assertThat(b.scheduledRuns.get()).as("the standby's schedule never fires").isZero();
                assertThat(a.scheduledRuns.get()).isPositive();
                long stopped = System.nanoTime();
                a.close();
                await().atMost(Duration.ofSeconds(15)).until(b::leads);
                await().atMost(Duration.ofSeconds(5)).until(() -> b.scheduledRuns.get() > 0);
                assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(15));
                assertThat(b.lines()).anyMatch(line -> line.contains("(b) is now the leader of profile 12345"));
            }
        }
    }

    @Test
    void eachProfileHasItsOwnElection() throws Exception {
        String nodes = TestZooKeeper.nodes();
        try (ClusterMember one = new ClusterMember("p1", ClusterMember.zooKeeperCluster(nodes, "111")).start();
             ClusterMember two = new ClusterMember("p2", ClusterMember.zooKeeperCluster(nodes, "222")).start()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> one.leads() && two.leads());
        }
    }
}
