package org.channelbridge.app;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
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
 * waited for once Camel has loaded and initialised the routes, so that the two go on side by side, and still no route
 * (nor any of its services) starts before it is done.
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
                        - idempotentConsumer:
                            idempotentRepository: keys
                            simple: "${routeId}"
                            steps:
                              - to: bean:ticks?method=add(${routeId})
                """);
        Path config = Files.writeString(Files.createDirectories(site.resolve("config")).resolve("app.properties"),
                "camel.management.enabled=false\ncamel.main.duration-max-seconds=3\n");
        Properties properties = ConfigFile.load(List.of(config), Map.of());
        List<String> ticks = new CopyOnWriteArrayList<>();
        List<String> seenBeforeRoutesStart = new CopyOnWriteArrayList<>();
        // like the flows' JDBC repositories, which open a System2 transaction as they start
        StartRecordingRepository keys = new StartRecordingRepository();

        new BridgeApplication(properties, routes, context -> Map.of("ticks", ticks, "keys", keys))
                .runContinuously(loaded -> {
                    seenBeforeRoutesStart.add("routes " + loaded.getCamelContextExtension()
                            .getContextPlugin(Model.class).getRouteDefinitions().stream().map(r -> r.getId()).toList());
                    seenBeforeRoutesStart.add("tick " + status(loaded, "tick"));
                    seenBeforeRoutesStart.add("repository started " + keys.started);
                    seenBeforeRoutesStart.add("ticks " + ticks.size());
                });

        assertThat(seenBeforeRoutesStart).containsExactly("routes [tick]", "tick Stopped", "repository started false",
                "ticks 0");
        assertThat(keys.started).isTrue();
        assertThat(ticks).containsExactly("tick");
    }

    private static final class StartRecordingRepository extends MemoryIdempotentRepository {
        volatile boolean started;

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            started = true;
        }
    }

    private static ServiceStatus status(CamelContext context, String routeId) {
        return context.getRouteController().getRouteStatus(routeId);
    }
}
