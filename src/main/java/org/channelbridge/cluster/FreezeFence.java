package org.channelbridge.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A leader that was frozen (SIGSTOP, a stopped VM, a long pause) may find on waking that a standby took over
 * meanwhile, while its own lock or lease still looks held to itself (CAMEL-25089 for the file lock). A clock that
 * ticks every half second sees the gap: on waking, no led consumer starts a cycle, and the instance leaves the
 * election and joins it again before any further cycle, so that it never runs beside the new leader. Whoever holds
 * the lock or lease then leads.
 */
public final class FreezeFence extends ServiceSupport implements RoutePolicyFactory {

    static final Duration TICK = Duration.ofMillis(500);
    /** A gap this long between two ticks is a freeze (a busy JVM still ticks within a second). */
    static final Duration FROZEN = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(FreezeFence.class);

    private final CamelContext context;
    private final Leaderships leaderships;
    private volatile long lastTick = System.nanoTime();
    private volatile boolean fenced;
    private ScheduledExecutorService clock;

    public FreezeFence(CamelContext context, Leaderships leaderships) {
        this.context = context;
        this.leaderships = leaderships;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return LeaderOnlyConsumers.leads(camelContext, route) ? new Gate() : null;
    }

    @Override
    protected void doStart() {
        lastTick = System.nanoTime();
        clock = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "FreezeFence");
        clock.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (clock != null) {
            context.getExecutorServiceManager().shutdownNow(clock);
            clock = null;
        }
    }

    private void tick() {
        long now = System.nanoTime();
        long gap = now - lastTick;
        if (gap > FROZEN.toNanos() && !fenced) {
            fenced = true;
            try {
                step(Duration.ofNanos(gap));
            } finally {
                fenced = false;
            }
        }
        lastTick = System.nanoTime();
    }

    /** Every election this instance believes it leads: it leaves each and joins it again. */
    private void step(Duration gap) {
        for (Leadership leadership : leaderships.led()) {
            LOG.warn("leader: this instance was frozen for {} s; it leaves the election of {} and joins it again"
                    + " before any further cycle", gap.toSeconds(), leadership.getNamespace());
            try {
                leadership.rejoin();
            } catch (Exception e) {
                LOG.error("leader: this instance could not leave and rejoin the election of {}: {}",
                        leadership.getNamespace(), e.getMessage());
            }
        }
    }

    /** True while a freeze is being fenced, or one just ended and the clock has not seen it yet. */
    boolean closed() {
        return fenced || System.nanoTime() - lastTick > FROZEN.toNanos();
    }

    /** Stops an exchange of a led consumer before its first step while the instance is fenced. */
    private final class Gate extends RoutePolicySupport {
        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            if (closed()) {
                LOG.info("{}: not started: this instance was frozen and has not rejoined its election yet",
                        route.getRouteId());
                exchange.setRouteStop(true);
            }
        }
    }
}
