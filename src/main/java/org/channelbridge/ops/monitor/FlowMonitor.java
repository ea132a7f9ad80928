package org.channelbridge.ops.monitor;

import org.channelbridge.progress.FlowStats;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The JMX view of one flow in one ChannelAdvisor profile, read live from the profile's flow counters, System2 and the
 * profile's client.
 */
public final class FlowMonitor implements FlowMonitorMBean {

    private final String flow;
    private final String profile;
    private final FlowStats stats;
    private final OpsReadings readings;
    private final DeadLetterOperations deadLetters;
    private final Supplier<String> leadership;

    /** The flow of a bridge of one profile (no {@code channeladvisor.profiles}). */
    public FlowMonitor(String flow, FlowStats stats, OpsReadings readings, DeadLetterOperations deadLetters) {
        this(flow, "", stats, readings, deadLetters, () -> "");
    }

    /**
     * {@code profile}: how the profile is named ({@code uk (12346)}), or empty for the single profile;
     * {@code leadership}: this instance's role in the profile's election, read when asked.
     */
    public FlowMonitor(String flow, String profile, FlowStats stats, OpsReadings readings,
                       DeadLetterOperations deadLetters, Supplier<String> leadership) {
        this.flow = flow;
        this.profile = profile;
        this.stats = stats;
        this.readings = readings;
        this.deadLetters = deadLetters;
        this.leadership = leadership;
    }

    @Override
    public String getFlow() {
        return flow;
    }

    @Override
    public String getProfile() {
        return profile;
    }

    @Override
    public String getLeadership() {
        return leadership.get();
    }

    @Override
    public String getLastRun() {
        Instant last = stats.of(flow).lastRun();
        return last == null ? "" : last.toString();
    }

    @Override
    public String getLastCycleEnded() {
        return lastCycle().map(c -> c.end().toString()).orElse("");
    }

    @Override
    public long getLastCycleMillis() {
        return lastCycle().map(c -> c.took().toMillis()).orElse(-1L);
    }

    @Override
    public String getLastCycleResult() {
        return lastCycle().map(c -> c.failed() ? "failed: " + c.failure() : "ok").orElse("");
    }

    @Override
    public long getItemsLastHour() {
        return stats.of(flow).itemsSince(Instant.now().minus(Duration.ofHours(1)));
    }

    @Override
    public long getChannelAdvisorThrottledLastHour() {
        return readings.throttledLastHour();
    }

    private Optional<FlowStats.Cycle> lastCycle() {
        return stats.of(flow).lastCycle();
    }

    @Override
    public long getItemsRead() {
        return stats.of(flow).read();
    }

    @Override
    public long getItemsSent() {
        return stats.of(flow).sent();
    }

    @Override
    public long getItemsSkipped() {
        return stats.of(flow).skipped();
    }

    @Override
    public long getItemsDeadLettered() {
        return stats.of(flow).deadLettered();
    }

    @Override
    public long getBacklog() {
        // a flow without a System2 count (orders: its backlog is in ChannelAdvisor) shows what its last cycle left
        long counted = readings.backlog(flow);
        return counted >= 0 ? counted : stats.of(flow).leftByLastCycle();
    }

    @Override
    public long getOpenDeadLetters() {
        return readings.openDeadLetters(flow);
    }

    @Override
    public long getChannelAdvisorThrottled() {
        return readings.throttled();
    }

    @Override
    public long getTokenRefreshes() {
        return readings.tokenRefreshes();
    }

    @Override
    public String replayOpenDeadLetters() {
        return deadLetters.replayFlow(flow);
    }
}
