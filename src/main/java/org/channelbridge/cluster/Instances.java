package org.channelbridge.cluster;

import org.channelbridge.config.Profiles;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Several instances (design §6): when {@code cluster.kind} names an engine, the continuously running bridge joins
 * each profile's election, only a profile's leader runs that profile's consumers that start work by themselves, and
 * the leadership spreads over the live instances ({@link LeadershipSpread}). With {@code none} nothing changes. Called before the routes are loaded; commands never call it.
 */
public final class Instances {

    private static final Logger LOG = LoggerFactory.getLogger(Instances.class);

    private Instances() {
    }

    /** Joins the election of the profile of {@code properties} when a cluster kind is set. */
    public static void join(CamelContext context, Properties properties) {
        String kind = ClusterEngine.kind(properties);
        // Kubernetes knows a member as its pod (HOSTNAME there); elsewhere host and process tell instances apart
        join(context, properties, kind.equals("kubernetes") ? hostName()
                : hostName() + "-" + ProcessHandle.current().pid());
    }

    /** The same, as the member {@code memberId}. */
    static void join(CamelContext context, Properties properties, String memberId) {
        String kind = ClusterEngine.kind(properties);
        if (kind.equals("none")) {
            return;
        }
        // one election per profile; the routes of a profile follow its own, every other route the first profile's
        Profiles profiles = Profiles.of(properties);
        List<String> profileIds = profiles.listed()
                ? profiles.all().stream().map(p -> String.valueOf(p.profileId())).distinct().toList()
                : List.of(properties.getProperty("channeladvisor.profile-id", "").strip());
        CamelClusterService service = ClusterEngine.create(properties, memberId);
        List<Leadership> elections = new ArrayList<>();
        for (String profile : profileIds) {
            elections.add(new Leadership(service, kind, namespaceOf(profile), profile.isEmpty() ? "(none)" : profile,
                    elections.isEmpty()));
        }
        Leaderships leaderships = new Leaderships(elections);
        LeaderOnlyConsumers consumers = new LeaderOnlyConsumers(leaderships.first().getNamespace());
        FreezeFence fence = new FreezeFence(context, leaderships);
        LiveMembers members = new LiveMembers(memberId, leaderships,
                kind.equals("file") ? properties.getProperty("cluster.file.root").strip() : null);
        LeadershipSpread spread = new LeadershipSpread(context, leaderships, members, consumers,
                ClusterEngine.rejoinDelay(kind));
        try {
            context.addService(service, true, true);
            for (Leadership leadership : elections) {
                context.addService(leadership, true, true);
            }
            context.addService(fence, true, true);
            context.addService(members, true, true);
            context.addService(spread, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("The cluster service (" + kind + ") could not be added: "
                    + e.getMessage(), e);
        }
        context.addRoutePolicyFactory(consumers);
        context.addRoutePolicyFactory(fence);
        context.getRegistry().bind(Leaderships.BEAN, leaderships);
        context.getRegistry().bind("healthLeadership", new LeadershipHealthCheck(leaderships));
        try {
            context.addStartupListener((started, alreadyStarted) -> {
                if (!alreadyStarted) {
                    LOG.info("leader: routes that run on the leader only: {}", String.join(", ", consumers.led()));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("The cluster's start-up line could not be set up: " + e.getMessage(), e);
        }
    }

    /** One election per profile: with several profiles, each has its own leader. */
    static String namespaceOf(String profile) {
        return "profile-" + (profile.isEmpty() ? "default" : profile.replaceAll("[^A-Za-z0-9]", "-"));
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
