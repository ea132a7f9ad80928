package org.channelbridge.app;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.channelbridge.config.ConfigFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The continuous run's start: what must be ready before a route starts (System2's schema, the demo catalog) is
 * waited for once Camel has loaded the routes and registered its management objects, so that the two go on side by
 * side, and still no route starts before it is done.
 */
class ContinuousStartTest {

    @TempDir
    Path site;

    @Test
    void theRoutesAreLoadedWhileSystem2GetsReadyAndNoneStartsBeforeItIsDone() throws Exception {
        Path routes = Files.createDirectories(site.resolve("routes"));
        Files.writeString(routes.resolve("tick.camel.yaml"), """
                - route:
                    id: tick
                    from:
                      uri: timer:tick?repeatCount=1&delay=0
                      steps:
                        - to: bean:ticks?method=add(${routeId})
                """);
        Path config = Files.writeString(Files.createDirectories(site.resolve("config")).resolve("app.properties"),
                "camel.management.enabled=false\ncamel.main.duration-max-seconds=3\n");
        Properties properties = ConfigFile.load(List.of(config), Map.of());
        List<String> ticks = new CopyOnWriteArrayList<>();
        List<String> seenBeforeRoutesStart = new CopyOnWriteArrayList<>();

        new BridgeApplication(properties, routes, context -> Map.of("ticks", ticks)).runContinuously(loaded -> {
            seenBeforeRoutesStart.add("routes " + loaded.getRoutes().stream().map(r -> r.getRouteId()).toList());
            seenBeforeRoutesStart.add("tick " + status(loaded, "tick"));
            seenBeforeRoutesStart.add("route MBean " + registered(loaded, "tick"));
            seenBeforeRoutesStart.add("ticks " + ticks.size());
        });

        assertThat(seenBeforeRoutesStart).containsExactly("routes [tick]", "tick Stopped", "route MBean true",
                "ticks 0");
        assertThat(ticks).containsExactly("tick");
    }

    private static ServiceStatus status(CamelContext context, String routeId) {
        return context.getRouteController().getRouteStatus(routeId);
    }

    private static boolean registered(CamelContext context, String routeId) {
        if (context.getRoute(routeId) == null || context.getManagementStrategy().getManagementAgent() == null) {
            return false;
        }
        try {
            return context.getManagementStrategy().getManagementAgent().getMBeanServer().isRegistered(
                    context.getManagementStrategy().getManagementObjectNameStrategy()
                            .getObjectNameForRoute(context.getRoute(routeId)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
