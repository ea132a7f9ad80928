package org.channelbridge.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.CamelContextHelper;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Gives each route whose consumer starts work by itself (a Quartz schedule, a timer, a file-drop inbox, any polling
 * endpoint) a {@link ClusteredRoutePolicy} of the profile's namespace: it runs on the leader only. Routes fed by
 * another route ({@code direct:}, {@code seda:}) need no leader: the commands send to them from any instance. The
 * route files stay as they are: whatever a route file holds, its self-starting consumers are led.
 */
public final class LeaderOnlyConsumers implements RoutePolicyFactory {

    /** Consumers that only take what another route of this process hands them. */
    private static final Set<String> IN_PROCESS = Set.of("direct", "seda", "vm", "direct-vm", "disruptor",
            "disruptor-vm", "stub", "master");

    private final String namespace;
    private final List<String> led = new CopyOnWriteArrayList<>();
    private final Map<String, String> namespaces = new ConcurrentHashMap<>();

    public LeaderOnlyConsumers(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode node) {
        if (!leads(context, node)) {
            return null;
        }
        led.add(routeId);
        String election = namespaceOf(context, node);
        namespaces.put(routeId, election);
        try {
            return ClusteredRoutePolicy.forNamespace(context, election);
        } catch (Exception e) {
            throw new IllegalStateException("The route " + routeId + " cannot be led by the cluster: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The election a route follows: a route of a profile (one made from a per-profile template, whose parameter
     * {@code profileId} names it) follows its profile's, {@code profile-<id>}, so that with several profiles the
     * leadership spreads over the instances; every other route follows the first profile's.
     */
    private String namespaceOf(CamelContext context, NamedNode node) {
        if (node instanceof RouteDefinition route && route.getTemplateParameters() != null
                && route.getTemplateParameters().get("profileId") != null) {
            String profile = context.resolvePropertyPlaceholders(
                    String.valueOf(route.getTemplateParameters().get("profileId"))).strip();
            if (!profile.isEmpty() && !profile.equals("0")) {
                return Instances.namespaceOf(profile);
            }
        }
        return namespace;
    }

    /** The ids of the led routes that follow the election {@code namespace}. */
    public List<String> routesOf(String namespace) {
        return led.stream().filter(id -> namespace.equals(namespaces.get(id))).toList();
    }

    /** The ids of the routes led so far (for the start-up line). */
    public List<String> led() {
        return List.copyOf(led);
    }

    /**
     * True for a route that starts with the context and whose consumer starts work by itself. A route that does not
     * start by itself (a disabled demo, the file drop of a JDBC System2) stays off on the leader too: the policy
     * would otherwise start it.
     */
    static boolean leads(CamelContext context, NamedNode node) {
        if (!(node instanceof RouteDefinition route) || route.getInput() == null) {
            return false;
        }
        return selfStarting(context, route.getInput()) && autoStarts(context, route);
    }

    private static boolean selfStarting(CamelContext context, FromDefinition from) {
        String uri = from.getEndpointUri();
        if (uri == null && from.getEndpointConsumerBuilder() != null) {
            uri = from.getEndpointConsumerBuilder().getRawUri();
        }
        if (uri == null) {
            return false;
        }
        String resolved = context.resolvePropertyPlaceholders(uri);
        int colon = resolved.indexOf(':');
        String scheme = (colon < 0 ? resolved : resolved.substring(0, colon)).toLowerCase(Locale.ROOT);
        return !IN_PROCESS.contains(scheme);
    }

    private static boolean autoStarts(CamelContext context, RouteDefinition route) {
        String autoStartup = route.getAutoStartup();
        if (autoStartup == null || autoStartup.isBlank()) {
            return context.isAutoStartup();
        }
        Boolean value = CamelContextHelper.parseBoolean(context, autoStartup);
        return value == null || value;
    }
}
