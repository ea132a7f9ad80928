package org.channelbridge.ops.monitor;

import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.ops.deadletter.DeadLetterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The readings of one profile that JMX and the metrics share: backlog per flow (a count query of config,
 * {@code ops.backlog.<flow>}, asked for the profile: {@link BacklogQuery}),
 * open dead letters per flow, and the client's shared counters. System2 is asked at most once per few seconds,
 * however often JMX or Prometheus read.
 */
public final class OpsReadings {

    private static final Logger LOG = LoggerFactory.getLogger(OpsReadings.class);
    private static final long FRESH_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long SAMPLE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final long HOUR_NANOS = Duration.ofHours(1).toNanos();

    private record Reading(long value, long at) {
    }

    private final DataSource dataSource;
    private final DeadLetterStore deadLetters;
    private final ChannelAdvisorClient client;
    private final Map<String, BacklogQuery> backlogQueries;
    private final Map<String, Reading> backlogs = new ConcurrentHashMap<>();
    private volatile Reading openAt = new Reading(0, 0);
    private volatile Map<String, Long> open = Map.of();
    private final Deque<Reading> throttleSamples = new ArrayDeque<>();

    public OpsReadings(DataSource dataSource, DeadLetterStore deadLetters, ChannelAdvisorClient client,
                       Map<String, BacklogQuery> backlogQueries) {
        this.dataSource = dataSource;
        this.deadLetters = deadLetters;
        this.client = client;
        this.backlogQueries = backlogQueries;
    }

    /** Items waiting for the flow in System2; -1 when the flow has no backlog query. */
    public long backlog(String flow) {
        BacklogQuery query = backlogQueries.get(flow);
        if (query == null) {
            return -1;
        }
        Reading last = backlogs.get(flow);
        long now = System.nanoTime();
        if (last != null && now - last.at() < FRESH_NANOS) {
            return last.value();
        }
        long value = count(flow, query);
        backlogs.put(flow, new Reading(value, now));
        return value;
    }

    public long openDeadLetters(String flow) {
        long now = System.nanoTime();
        if (openAt.at() == 0 || now - openAt.at() >= FRESH_NANOS) {
            try {
                open = deadLetters.openCounts();
            } catch (IllegalStateException e) {
                LOG.warn("open dead letters cannot be counted: {}", e.getMessage());
            }
            openAt = new Reading(0, now);
        }
        return open.getOrDefault(flow, 0L);
    }

    public long throttled() {
        return client.budget().throttledCount();
    }

    /**
     * 429 answers in the last hour: the shared counter now, less what it was an hour ago (samples are taken as JMX,
     * Prometheus or {@code status} read, at most one a minute; before the first hour is over, since start).
     */
    public synchronized long throttledLastHour() {
        long now = System.nanoTime();
        long total = throttled();
        if (throttleSamples.isEmpty() || now - throttleSamples.peekLast().at() >= SAMPLE_NANOS) {
            throttleSamples.addLast(new Reading(total, now));
        }
        long baseline = 0;
        while (!throttleSamples.isEmpty() && now - throttleSamples.peekFirst().at() >= HOUR_NANOS) {
            baseline = throttleSamples.removeFirst().value();
        }
        if (baseline > 0) {
            // the newest sample of more than an hour ago stays the baseline until a younger one takes its place
            throttleSamples.addFirst(new Reading(baseline, now - HOUR_NANOS));
        }
        return total - baseline;
    }

    public long tokenRefreshes() {
        return client.tokens().refreshCount();
    }

    /** Our request budget per minute (channeladvisor.requests-per-minute), for "budget used" on a dashboard. */
    public long budgetPerMinute() {
        return client.settings().requestsPerMinute();
    }

    public long requestsSent() {
        return client.budget().requestsSent();
    }

    private long count(String flow, BacklogQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return query.count(c);
        } catch (SQLException e) {
            LOG.warn("{}: the backlog query ops.backlog.{} failed: {}", flow, flow, e.getMessage());
            return -1;
        }
    }
}
