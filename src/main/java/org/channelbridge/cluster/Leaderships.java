package org.channelbridge.cluster;

import org.apache.camel.CamelContext;

import java.util.List;
import java.util.Optional;

/**
 * This instance's place in every profile's election, in the order of the profiles (the first profile's first). Bound
 * as {@code bridgeLeaderships}; {@link #leads(CamelContext, String)} answers "does this instance lead that profile?"
 * for whoever needs it (a monitor's attribute, say) without knowing the engine.
 */
public final class Leaderships {

    /** The registry name of this instance's leaderships. */
    public static final String BEAN = "bridgeLeaderships";

    private final List<Leadership> all;

    public Leaderships(List<Leadership> all) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("at least one election");
        }
        this.all = List.copyOf(all);
    }

    /**
     * True when this instance leads the profile {@code profileId} (its scheduled and file-drop consumers run here);
     * also true without a cluster ({@code cluster.kind=none}: the one instance does everything) and for a profile
     * that has no election of its own (it follows the first profile's).
     */
    public static boolean leads(CamelContext context, String profileId) {
        Leaderships leaderships = context.getRegistry().lookupByNameAndType(BEAN, Leaderships.class);
        return leaderships == null || leaderships.leads(profileId);
    }

    /**
     * This instance's role in the election of the profile {@code profileId}: {@code leader} or {@code standby} (the
     * first profile's election for a profile without one of its own); empty without a cluster.
     */
    public static String role(CamelContext context, String profileId) {
        Leaderships leaderships = context.getRegistry().lookupByNameAndType(BEAN, Leaderships.class);
        return leaderships == null ? "" : leaderships.of(profileId).orElse(leaderships.first()).getRole();
    }

    /** True when this instance leads the profile {@code profileId} (the first profile's election for an unknown one). */
    public boolean leads(String profileId) {
        return of(profileId).orElse(first()).isLeader();
    }

    /** The election of the profile {@code profileId}. */
    public Optional<Leadership> of(String profileId) {
        return all.stream().filter(l -> l.getProfile().equals(profileId)).findFirst();
    }

    /** The first profile's election: the routes that serve all profiles follow it. */
    public Leadership first() {
        return all.get(0);
    }

    public List<Leadership> all() {
        return all;
    }

    /** The elections this instance leads now, in the order of the profiles. */
    public List<Leadership> led() {
        return all.stream().filter(Leadership::isLeader).toList();
    }

    /** True while every election's view runs (or is left on purpose, to hand it over). */
    boolean running() {
        return all.stream().allMatch(Leadership::running);
    }
}
