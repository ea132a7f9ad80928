package org.channelbridge.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Spreads the profiles' leadership over the live instances, through the engine's own elections: an instance that
 * leads more than its fair share (the profiles divided by the live instances, rounded up) for two checks in a row
 * suspends the led routes of its last surplus profile (waiting for a running cycle to end), leaves that election and
 * joins it again after {@link #rejoinDelay}, by when an instance that leads less has taken it. No two instances run a
 * profile's consumers at once: they are suspended here before the election is left. When this instance leads a
 * profile again, the routes it suspended run again.
 */
final class LeadershipSpread extends ServiceSupport {

    static final Duration CHECK = Duration.ofSeconds(2);
    /** No spreading right after start-up, while the other instances' heartbeats and elections are seen. */
    static final Duration SETTLE = Duration.ofSeconds(6);
    /**
     * The longest wait between two handovers that did not help (this instance got the profile back: the engine
     * listed members that do not take part, say): each such handover doubles the wait, up to this.
     */
    static final Duration MOST_BETWEEN_HANDOVERS = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipSpread.class);

    private final CamelContext context;
    private final Leaderships leaderships;
    private final LiveMembers members;
    private final LeaderOnlyConsumers consumers;
    private final Duration rejoinDelay;
    private final Set<String> parked = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService executor;
    private volatile long quietUntil;
    private int surplusChecks;
    /** Handovers in a row after which this instance still led more than its share. */
    private int fruitless;

    LeadershipSpread(CamelContext context, Leaderships leaderships, LiveMembers members, LeaderOnlyConsumers consumers,
                     Duration rejoinDelay) {
        this.context = context;
        this.leaderships = leaderships;
        this.members = members;
        this.consumers = consumers;
        this.rejoinDelay = rejoinDelay;
    }

    @Override
    protected void doStart() {
        quietUntil = System.nanoTime() + SETTLE.toNanos();
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "LeadershipSpread");
        executor.scheduleWithFixedDelay(this::check, CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
    }

    private void check() {
        try {
            members.beat();
            if (!context.isStarted()) {
                return;
            }
            resumeLed();
            spread();
        } catch (Exception e) {
            LOG.warn("leader: the spread of the profiles over the instances was not checked: {}", e.getMessage());
        }
    }

    private void spread() throws Exception {
        int profiles = leaderships.all().size();
        if (profiles < 2 || System.nanoTime() < quietUntil
                || leaderships.all().stream().anyMatch(Leadership::handedOver)) {
            surplusChecks = 0;
            return;
        }
        int live = members.count();
        int fairShare = (profiles + live - 1) / live;
        List<Leadership> led = leaderships.led();
        if (led.size() <= fairShare) {
            surplusChecks = 0;
            fruitless = 0;
            return;
        }
        if (++surplusChecks < 2) {
            return;
        }
        surplusChecks = 0;
        handOver(led.get(led.size() - 1), led.size(), profiles, live);
    }

    private void handOver(Leadership surplus, int led, int profiles, int live) throws Exception {
        String reason = "it leads " + led + " of " + profiles + " profiles among " + live
                + " instances, and hands this one over";
        RouteController routes = context.getRouteController();
        for (String routeId : consumers.routesOf(surplus.getNamespace())) {
            if (routes.getRouteStatus(routeId) == ServiceStatus.Started) {
                parked.add(routeId);
                routes.suspendRoute(routeId);
            }
        }
        surplus.handOver(reason);
        Duration wait = SETTLE.multipliedBy(1L << Math.min(fruitless, 10));
        wait = wait.compareTo(MOST_BETWEEN_HANDOVERS) > 0 ? MOST_BETWEEN_HANDOVERS : wait;
        fruitless++;
        quietUntil = System.nanoTime() + rejoinDelay.plus(wait).toNanos();
        executor.schedule(() -> rejoin(surplus), rejoinDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void rejoin(Leadership surplus) {
        try {
            surplus.joinAgain();
        } catch (Exception e) {
            LOG.error("leader: this instance could not join the election of {} again: {}", surplus.getNamespace(),
                    e.getMessage());
        }
    }

    /** The routes suspended to hand a profile over run again once this instance leads that profile again. */
    private void resumeLed() throws Exception {
        if (parked.isEmpty()) {
            return;
        }
        RouteController routes = context.getRouteController();
        for (Leadership leadership : leaderships.all()) {
            if (!leadership.isLeader()) {
                continue;
            }
            for (String routeId : consumers.routesOf(leadership.getNamespace())) {
                if (!parked.remove(routeId)) {
                    continue;
                }
                ServiceStatus status = routes.getRouteStatus(routeId);
                if (status == ServiceStatus.Suspended) {
                    routes.resumeRoute(routeId);
                } else if (status == ServiceStatus.Stopped) {
                    routes.startRoute(routeId);
                }
            }
        }
    }
}
