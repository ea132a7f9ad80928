package org.channelbridge.cluster;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances of one profile on a file lock in a temporary folder (cluster.kind=file). */
class FileLockLeadershipTest {

    @TempDir
    Path root;

    @Test
    void onlyTheLeaderRunsItsScheduleAndTheStandbyTakesOverWhenTheLeaderGoes() throws Exception {
        try (ClusterMember a = new ClusterMember("a", ClusterMember.fileCluster(root.toString(), "12345")).start()) {
            await().atMost(Duration.ofSeconds(15)).until(a::leads);
            try (ClusterMember b = new ClusterMember("b", ClusterMember.fileCluster(root.toString(), "12345")).start()) {
                Thread.sleep(3000);
                int bBefore = b.scheduledRuns.get();
                Thread.sleep(2000);
                assertThat(a.scheduledRuns.get()).as("the leader's schedule runs").isPositive();
                assertThat(b.leads()).isFalse();
                assertThat(b.scheduledRuns.get()).as("the standby's schedule never fires").isZero().isEqualTo(bBefore);
                try (ProducerTemplate template = b.context.createProducerTemplate()) {
                    template.sendBody("direct:cycle", null);
                }
                assertThat(b.directRuns.get()).as("a route fed by another runs on the standby too").isOne();
                assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(
                        new ObjectName(Leadership.OBJECT_NAME), "Role")).as("the MBean of b, the last to start")
                        .isEqualTo("standby");

                long stopped = System.nanoTime();
                a.close();
                await().atMost(Duration.ofSeconds(15)).until(b::leads);
                await().atMost(Duration.ofSeconds(5)).until(() -> b.scheduledRuns.get() > 0);
                assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(15));
                assertThat(b.lines()).anyMatch(line -> line.contains("leader")
                        && line.contains("is now the leader of profile 12345"));
                assertThat(b.leadership().getRole()).isEqualTo("leader");
                assertThat(b.leadership().getLeadershipChanges()).isOne();
                assertThat(a.switchedOffRuns.get() + b.switchedOffRuns.get())
                        .as("a self-starting route that is switched off stays off on the leader").isZero();
            }
        }
    }

    @Test
    void eachProfileHasItsOwnElection() throws Exception {
        try (ClusterMember one = new ClusterMember("p1", ClusterMember.fileCluster(root.toString(), "111")).start();
             ClusterMember two = new ClusterMember("p2", ClusterMember.fileCluster(root.toString(), "222")).start()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> one.leads() && two.leads());
            assertThat(one.leadership().getNamespace()).isEqualTo("profile-111");
            assertThat(two.leadership().getNamespace()).isEqualTo("profile-222");
        }
    }
}
