package org.channelbridge.cluster;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.channelbridge.app.ProfileRoutes;
import org.channelbridge.config.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With several profiles, each profile's self-starting routes (made per profile from a route template, as the flows'
 * schedules are) follow the election of their own profile, {@code profile-<id>}, on a file lock (cluster.kind=file).
 */
class PerProfileLeadershipTest {

    @TempDir
    Path root;

    @Test
    void eachProfilesScheduleRunsWhereThatProfileIsLedAndMovesWithItsOwnElection() throws Exception {
        // another instance leads profile 12346 first; the bridge of two profiles then leads 12345 only
        try (ClusterMember ukLeader = new ClusterMember("uk-first",
                ClusterMember.fileCluster(root.toString(), "12346")).start()) {
            await().atMost(Duration.ofSeconds(15)).until(ukLeader::leads);
            try (TwoProfileMember bridge = new TwoProfileMember(root)) {
                await().atMost(Duration.ofSeconds(15)).until(() -> bridge.runs("us") > 0);
                Thread.sleep(2000);
                assertThat(bridge.runs("uk")).as("profile uk is led elsewhere: its schedule does not run here").isZero();
                assertThat(ukLeader.scheduledRuns.get()).isPositive();

                ukLeader.close();
                await().atMost(Duration.ofSeconds(15)).until(() -> bridge.runs("uk") > 0);
                assertThat(bridge.runs("us")).isPositive();
            }
        }
    }

    /** A Camel context with the bridge's wiring for the profiles us (12345) and uk (12346) and one schedule each. */
    private static final class TwoProfileMember implements AutoCloseable {
        final DefaultCamelContext context = new DefaultCamelContext();
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        TwoProfileMember(Path root) throws Exception {
            Properties properties = ClusterMember.fileCluster(root.toString(), "");
            properties.setProperty("channeladvisor.profiles", "us,uk");
            properties.setProperty("channeladvisor.profile.us.profile-id", "12345");
            properties.setProperty("channeladvisor.profile.uk.profile-id", "12346");
            context.getPropertiesComponent().setInitialProperties(properties);
            context.getRegistry().bind("bridgeProfiles", Profiles.of(properties));
            Instances.join(context, properties, "two-profiles");
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    routeTemplate("schedule").templateParameter("profile").templateParameter("suffix")
                            .templateParameter("profileId").templateParameter("scope")
                            .templateParameter("firstProfileId")
                            .from("timer:schedule{{suffix}}?period=200")
                            .setHeader("profile", constant("{{profile}}"))
                            .process(e -> runs.computeIfAbsent(e.getMessage().getHeader("profile", String.class),
                                    p -> new AtomicInteger()).incrementAndGet());
                }
            });
            ProfileRoutes.addAll(context);
            context.start();
        }

        int runs(String profile) {
            return runs.getOrDefault(profile, new AtomicInteger()).get();
        }

        @Override
        public void close() {
            context.stop();
        }
    }
}
