package org.channelbridge.ops.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.channelbridge.progress.FlowStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route policy of every {@code <flow>-cycle} route ({@code routePolicy: cycleReport}): when a cycle ends it logs
 * one INFO line of what the cycle did (a quiet cycle is logged at DEBUG), times it
 * ({@code bridge_flow_cycle_seconds{flow}}) and keeps it for {@code status}. Logger {@code org.channelbridge.cycle}.
 */
public final class CycleReport extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger("org.channelbridge.cycle");

    private record Running(Instant start, long nanos, Map<String, Long> before, int depth) {
    }

    private final FlowStats stats;
    private final MeterRegistry meters;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final List<String> flows;

    public CycleReport(FlowStats stats, MeterRegistry meters, List<String> flows) {
        this.flows = flows;
        this.stats = stats;
        this.meters = meters;
        // every flow's timer exists from the start, so that a dashboard finds it before the first cycle
        flows.forEach(this::timer);
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String flow = flowOf(route);
        // a cycle triggered while one runs (the products gate skips it) belongs to the running one's line
        running.compute(flow, (f, r) -> r == null
                ? new Running(Instant.now(), System.nanoTime(), stats.of(f).snapshot(), 1)
                : new Running(r.start(), r.nanos(), r.before(), r.depth() + 1));
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        String flow = flowOf(route);
        Running[] ended = new Running[1];
        running.computeIfPresent(flow, (f, r) -> {
            if (r.depth() > 1) {
                return new Running(r.start(), r.nanos(), r.before(), r.depth() - 1);
            }
            ended[0] = r;
            return null;
        });
        if (ended[0] != null) {
            report(flow, ended[0], exchange.getException());
        }
    }

    private void report(String flow, Running cycle, Exception failure) {
        Duration took = Duration.ofNanos(System.nanoTime() - cycle.nanos());
        Map<String, Long> done = new HashMap<>();
        stats.of(flow).snapshot().forEach((name, value) -> done.put(name, value - cycle.before().getOrDefault(name, 0L)));
        timer(flow).record(took);
        long items = done.getOrDefault("sent", 0L) + done.getOrDefault("dead-lettered", 0L);
        String reason = failure == null ? null : failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage();
        stats.cycleEnded(flow, new FlowStats.Cycle(Instant.now(), took, items, reason));
        stats.leftByCycle(flow, done.getOrDefault("read", 0L) - done.getOrDefault("sent", 0L)
                - done.getOrDefault("skipped", 0L));
        if (failure != null) {
            // the failure itself is logged where it is handled; the line says what the cycle did before it
            LOG.info("{} (the cycle failed)", CycleLine.of(flow, done, took));
        } else if (CycleLine.isNews(done)) {
            LOG.info(CycleLine.of(flow, done, took));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug(CycleLine.of(flow, done, took));
        }
    }

    private Timer timer(String flow) {
        return timers.computeIfAbsent(flow, f -> Timer.builder("bridge.flow.cycle")
                .description("How long the flow's cycles take").tag("flow", f).register(meters));
    }

    /** The flow of a cycle route: {@code <flow>-cycle}, or {@code <flow>-cycle-<profile>} for a further profile. */
    private String flowOf(Route route) {
        String id = route.getRouteId();
        if (id.endsWith("-cycle")) {
            return id.substring(0, id.length() - "-cycle".length());
        }
        for (String flow : flows) {
            if (id.startsWith(flow + "-cycle-")) {
                return flow;
            }
        }
        return id;
    }
}
