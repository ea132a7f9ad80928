package org.channelbridge.sandbox.traffic;

import org.channelbridge.sandbox.SandboxClock;
import org.channelbridge.sandbox.SandboxSettings;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * ChannelAdvisor's documented limits (item 31): requests per sliding minute per profile and per source IP,
 * and concurrent requests per application. Only accepted requests fill a window.
 */
public final class RequestLimiter {
    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final Map<Long, SlidingWindow> profiles = new ConcurrentHashMap<>();
    private final Map<String, SlidingWindow> ips = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> highestConcurrency = new ConcurrentHashMap<>();
    private final LongAdder rejected = new LongAdder();

    public RequestLimiter(SandboxSettings settings, SandboxClock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public boolean admitIp(String ip) {
        return count(ips.computeIfAbsent(ip, k -> new SlidingWindow()).tryAdd(clock.millis(), settings.requestsPerMinutePerIp));
    }

    public boolean admitProfile(long profileId) {
        return count(profiles.computeIfAbsent(profileId, k -> new SlidingWindow())
                .tryAdd(clock.millis(), settings.requestsPerMinutePerProfile));
    }

    /** Takes one of the application's concurrent slots; {@link #leave} gives it back. */
    public boolean enter(String applicationId) {
        AtomicInteger n = inFlight.computeIfAbsent(applicationId, k -> new AtomicInteger());
        int now = n.incrementAndGet();
        if (now > settings.concurrentRequestsPerApplication) {
            n.decrementAndGet();
            return count(false);
        }
        highestConcurrency.computeIfAbsent(applicationId, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        return true;
    }

    public void leave(String applicationId) {
        inFlight.get(applicationId).decrementAndGet();
    }

    private boolean count(boolean admitted) {
        if (!admitted) {
            rejected.increment();
        }
        return admitted;
    }

    public long rejected() {
        return rejected.sum();
    }

    /** Per application, the requests admitted and not yet answered (a latency fault keeps them so). */
    public Map<String, Integer> inFlight() {
        Map<String, Integer> m = new TreeMap<>();
        inFlight.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public Map<String, Integer> highestConcurrency() {
        Map<String, Integer> m = new TreeMap<>();
        highestConcurrency.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public Map<String, Integer> highestPerMinuteByProfile() {
        Map<String, Integer> m = new TreeMap<>();
        profiles.forEach((k, v) -> m.put(String.valueOf(k), v.highest()));
        return m;
    }

    public void reset() {
        profiles.clear();
        ips.clear();
        highestConcurrency.clear();
        rejected.reset();
    }
}
