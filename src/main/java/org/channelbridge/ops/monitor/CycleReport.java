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
 * ({@code bridge_flow_cycle_seconds{flow,profile}}) and keeps it for {@code status}. Logger
 * {@code org.channelbridge.cycle}. Each profile's cycle route ({@code orders-cycle-uk}) is reported in its own profile's
 * counters; with {@code channeladvisor.profiles} its line names the profile ({@code orders uk (12346): 3 saved ...}).
 */
public final class CycleReport extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger("org.channelbridge.cycle");

    private record Running(Instant start, long nanos, Map<String, Long> before, int depth) {
    }

    /** A cycle route's flow and profile. */
    private record Cycle(String flow, MonitoredProfile profile) {
        String key() {
            return flow + profile.suffix();
        }
    }

    private final MeterRegistry meters;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final List<String> flows;
    private final List<MonitoredProfile> profiles;
    private final boolean namesProfile;

    /** {@code namesProfile}: whether the lines name the profile (profiles are listed). */
    public CycleReport(MeterRegistry meters, List<String> flows, List<MonitoredProfile> profiles, boolean namesProfile) {
        this.flows = flows;
        this.meters = meters;
        this.profiles = profiles;
        this.namesProfile = namesProfile;
        // every flow's timer exists from the start, so that a dashboard finds it before the first cycle
        for (MonitoredProfile profile : profiles) {
            flows.forEach(flow -> timer(new Cycle(flow, profile)));
        }
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        Cycle cycle = cycleOf(route);
        // a cycle triggered while one runs (the products gate skips it) belongs to the running one's line
        running.compute(cycle.key(), (f, r) -> r == null
                ? new Running(Instant.now(), System.nanoTime(), stats(cycle).snapshot(), 1)
                : new Running(r.start(), r.nanos(), r.before(), r.depth() + 1));
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Cycle cycle = cycleOf(route);
        Running[] ended = new Running[1];
        running.computeIfPresent(cycle.key(), (f, r) -> {
            if (r.depth() > 1) {
                return new Running(r.start(), r.nanos(), r.before(), r.depth() - 1);
            }
            ended[0] = r;
            return null;
        });
        if (ended[0] != null) {
            report(cycle, ended[0], exchange.getException());
        }
    }

    private FlowStats.Counts stats(Cycle cycle) {
        return cycle.profile().stats().of(cycle.flow());
    }

    private void report(Cycle cycle, Running run, Exception failure) {
        String flow = cycle.flow();
        FlowStats stats = cycle.profile().stats();
        Duration took = Duration.ofNanos(System.nanoTime() - run.nanos());
        Map<String, Long> done = new HashMap<>();
        stats.of(flow).snapshot().forEach((name, value) -> done.put(name, value - run.before().getOrDefault(name, 0L)));
        timer(cycle).record(took);
        long items = done.getOrDefault("sent", 0L) + done.getOrDefault("dead-lettered", 0L);
        String reason = failure == null ? null : failure.getMessage() == null ? failure.getClass().getSimpleName()
                : failure.getMessage();
        stats.cycleEnded(flow, new FlowStats.Cycle(Instant.now(), took, items, reason));
        stats.leftByCycle(flow, done.getOrDefault("read", 0L) - done.getOrDefault("sent", 0L)
                - done.getOrDefault("skipped", 0L));
        if (failure != null) {
            // the failure itself is logged where it is handled; the line says what the cycle did before it
            LOG.info("{} (the cycle failed)", line(cycle, done, took));
        } else if (CycleLine.isNews(done)) {
            LOG.info(line(cycle, done, took));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug(line(cycle, done, took));
        }
    }

    private String line(Cycle cycle, Map<String, Long> done, Duration took) {
        String text = CycleLine.of(cycle.flow(), done, took);
        return namesProfile ? cycle.flow() + " " + cycle.profile().title() + text.substring(cycle.flow().length()) : text;
    }

    private Timer timer(Cycle cycle) {
        return timers.computeIfAbsent(cycle.key(), f -> Timer.builder("bridge.flow.cycle")
                .description("How long the flow's cycles take").tag("flow", cycle.flow())
                .tag("profile", cycle.profile().label()).register(meters));
    }

    /**
     * The flow and profile of a cycle route: {@code <flow>-cycle} is the first profile's, {@code <flow>-cycle-<name>}
     * a further profile's; another route with this policy counts as a flow of its own in the first profile.
     */
    private Cycle cycleOf(Route route) {
        String id = route.getRouteId();
        for (MonitoredProfile profile : profiles) {
            for (String flow : flows) {
                if (id.equals(flow + "-cycle" + profile.suffix())) {
                    return new Cycle(flow, profile);
                }
            }
        }
        String flow = id.endsWith("-cycle") ? id.substring(0, id.length() - "-cycle".length()) : id;
        return new Cycle(flow, profiles.get(0));
    }
}
