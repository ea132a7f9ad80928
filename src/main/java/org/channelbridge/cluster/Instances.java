package org.channelbridge.cluster;

import org.channelbridge.config.Profiles;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Properties;

/**
 * Several instances of one profile (design §6): when {@code cluster.kind} names an engine, the continuously running
 * bridge joins its profile's election, and only the leader runs the consumers that start work by themselves. With
 * {@code none} nothing changes. Called before the routes are loaded; commands never call it.
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
        // the first profile's election; the routes of each further profile follow their own (LeaderOnlyConsumers)
        Profiles profiles = Profiles.of(properties);
        String profile = profiles.listed() ? String.valueOf(profiles.first().profileId())
                : properties.getProperty("channeladvisor.profile-id", "").strip();
        String namespace = namespaceOf(profile);
        CamelClusterService service = ClusterEngine.create(properties, memberId);
        Leadership leadership = new Leadership(service, kind, namespace, profile.isEmpty() ? "(none)" : profile);
        LeaderOnlyConsumers consumers = new LeaderOnlyConsumers(namespace);
        FreezeFence fence = new FreezeFence(context, leadership);
        try {
            context.addService(service, true, true);
            context.addService(leadership, true, true);
            context.addService(fence, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("The cluster service (" + kind + ") could not be added: "
                    + e.getMessage(), e);
        }
        context.addRoutePolicyFactory(consumers);
        context.addRoutePolicyFactory(fence);
        context.getRegistry().bind("healthLeadership", new LeadershipHealthCheck(leadership));
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
