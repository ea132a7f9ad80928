package org.channelbridge.cluster;

import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.channelbridge.cluster.ProfilesMember.UK;
import static org.channelbridge.cluster.ProfilesMember.US;

/**
 * With two profiles, who leads each shows per profile: one leadership MBean per profile (the first profile's also
 * under the single-profile name), the {@code leadership} health check and a log line for each profile's election, and
 * {@link Leaderships#leads} for whoever asks.
 */
class WhoLeadsEachProfileTest {

    @TempDir
    Path root;

    @Test
    void eachProfilesLeadershipShowsInItsMBeanTheHealthCheckAndTheLog() throws Exception {
        List<ProfilesMember.Run> runs = ProfilesMember.sharedRuns();
        // another instance leads uk; this one then leads us only
        try (ClusterMember ukLeader = new ClusterMember("uk-elsewhere", ClusterMember.fileCluster(root.toString(), UK))
                .start()) {
            await().atMost(Duration.ofSeconds(15)).until(ukLeader::leads);
            try (ProfilesMember member = new ProfilesMember("both", ClusterMember.fileCluster(root.toString(), ""),
                    runs).start()) {
                await().atMost(Duration.ofSeconds(15)).until(() -> member.runs(US, 0));
                MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                assertThat(server.getAttribute(new ObjectName("org.channelbridge:type=leadership,profile=" + US),
                        "Role")).isEqualTo("leader");
                assertThat(server.getAttribute(new ObjectName("org.channelbridge:type=leadership,profile=" + UK),
                        "Role")).isEqualTo("standby");
                assertThat(server.getAttribute(new ObjectName("org.channelbridge:type=leadership"), "Profile"))
                        .as("the single-profile name is the first profile's").isEqualTo(US);

                HealthCheck.Result health = member.context.getRegistry()
                        .lookupByNameAndType("healthLeadership", LeadershipHealthCheck.class).call();
                assertThat(health.getState()).isEqualTo(HealthCheck.State.UP);
                assertThat(health.getMessage()).contains(
                        "this instance is the leader of profile 12345, the standby of profile 12346");
                assertThat(health.getDetails()).containsEntry("profile 12346", "standby");

                assertThat(Leaderships.leads(member.context, US)).isTrue();
                assertThat(Leaderships.leads(member.context, UK)).isFalse();
                assertThat(ukLeader.lines()).anyMatch(l -> l.contains("(both) is now the leader of profile 12345"))
                        .anyMatch(l -> l.contains("(both) stands by for profile 12346"));

                ukLeader.close();
                await().atMost(Duration.ofSeconds(15)).until(() -> Leaderships.leads(member.context, UK));
                // (the MBean of this JVM's other member had the same name, and left with it)
                assertThat(member.leaderships().of(UK).orElseThrow().getRole()).isEqualTo("leader");
            }
        }
    }
}
