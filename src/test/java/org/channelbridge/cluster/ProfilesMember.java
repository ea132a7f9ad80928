package org.channelbridge.cluster;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.channelbridge.app.ProfileRoutes;
import org.channelbridge.config.Profiles;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One instance of the bridge's wiring in this JVM serving the profiles us (12345) and uk (12346), with one schedule
 * per profile made from a route template as the flows' schedules are. Each run of a schedule is written down, with its
 * member and time, in a list every member of a test shares: who ran which profile when.
 */
final class ProfilesMember implements AutoCloseable {

    static final String US = "12345";
    static final String UK = "12346";

    /** One run of a profile's schedule on a member. */
    record Run(String member, String profile, long nanos) {
    }

    final String name;
    final DefaultCamelContext context = new DefaultCamelContext();
    private final List<Run> runs;

    /** {@code cluster}: the engine's settings ({@link ClusterMember#fileCluster} and the like). */
    ProfilesMember(String name, Properties cluster, List<Run> runs) throws Exception {
        this.name = name;
        this.runs = runs;
        Properties properties = new Properties();
        properties.putAll(cluster);
        properties.remove("channeladvisor.profile-id");
        properties.setProperty("channeladvisor.profiles", "us,uk");
        properties.setProperty("channeladvisor.profile.us.profile-id", US);
        properties.setProperty("channeladvisor.profile.uk.profile-id", UK);
        context.getCamelContextExtension().setName(name);
        context.getPropertiesComponent().setInitialProperties(properties);
        context.getRegistry().bind("bridgeProfiles", Profiles.of(properties));
        Instances.join(context, properties, name);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                routeTemplate("schedule").templateParameter("profile").templateParameter("suffix")
                        .templateParameter("profileId").templateParameter("scope")
                        .templateParameter("firstProfileId")
                        .from("timer:schedule{{suffix}}?period=200")
                        .setHeader("profileId", constant("{{profileId}}"))
                        .process(e -> runs.add(new Run(name, e.getMessage().getHeader("profileId", String.class),
                                System.nanoTime())));
            }
        });
        ProfileRoutes.addAll(context);
    }

    ProfilesMember start() {
        context.start();
        return this;
    }

    Leaderships leaderships() {
        return context.getRegistry().lookupByNameAndType(Leaderships.BEAN, Leaderships.class);
    }

    /** True when this member leads the profile {@code profileId} and its schedule ran here since {@code since}. */
    boolean runs(String profileId, long since) {
        return leaderships().leads(profileId) && runs.stream()
                .anyMatch(r -> r.member().equals(name) && r.profile().equals(profileId) && r.nanos() > since);
    }

    /** The profiles this member leads now. */
    List<String> led() {
        return leaderships().led().stream().map(Leadership::getProfile).toList();
    }

    @Override
    public void close() {
        context.stop();
    }

    static List<Run> sharedRuns() {
        return new CopyOnWriteArrayList<>();
    }

    /**
     * How often a profile's schedule moved from one member to another: runs of two members interleaved (both
     * running it at once) would move it far more often than the handovers of a test.
     */
    static long moves(List<Run> runs, String profileId) {
        List<Run> ofProfile = runs.stream().filter(r -> r.profile().equals(profileId))
                .sorted(java.util.Comparator.comparingLong(Run::nanos)).toList();
        long moves = 0;
        for (int i = 1; i < ofProfile.size(); i++) {
            if (!ofProfile.get(i).member().equals(ofProfile.get(i - 1).member())) {
                moves++;
            }
        }
        return moves;
    }
}
