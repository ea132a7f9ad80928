package org.channelbridge.sandbox.traffic;

import org.channelbridge.sandbox.SandboxClock;
import org.channelbridge.sandbox.SandboxSettings;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * ChannelAdvisor's documented limits (item 31): requests per sliding minute per profile and per source IP (across
 * every profile), and concurrent requests per application in each profile. Only accepted requests fill a window.
 */
public final class RequestLimiter {
    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final Map<Long, SlidingWindow> profiles = new ConcurrentHashMap<>();
    private final Map<String, SlidingWindow> ips = new ConcurrentHashMap<>();
    /** An application's concurrent requests in one profile. */
    private record Slot(String applicationId, long profileId) {
    }

    private final Map<Slot, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<Slot, AtomicInteger> highestConcurrency = new ConcurrentHashMap<>();
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

    /** Takes one of the application's concurrent slots in the profile; {@link #leave} gives it back. */
    public boolean enter(String applicationId, long profileId) {
        Slot slot = new Slot(applicationId, profileId);
        AtomicInteger n = inFlight.computeIfAbsent(slot, k -> new AtomicInteger());
        int now = n.incrementAndGet();
        if (now > settings.concurrentRequestsPerApplication) {
            n.decrementAndGet();
            return count(false);
        }
        highestConcurrency.computeIfAbsent(slot, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        return true;
    }

    public void leave(String applicationId, long profileId) {
        inFlight.get(new Slot(applicationId, profileId)).decrementAndGet();
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

    /** Per application, the requests admitted and not yet answered in all profiles (a latency fault keeps them so). */
    public Map<String, Integer> inFlight() {
        Map<String, Integer> m = new TreeMap<>();
        inFlight.forEach((k, v) -> m.merge(k.applicationId(), v.get(), Integer::sum));
        return m;
    }

    /** Per application, the highest concurrency it reached in any one profile (the limit is per profile). */
    public Map<String, Integer> highestConcurrency() {
        Map<String, Integer> m = new TreeMap<>();
        highestConcurrency.forEach((k, v) -> m.merge(k.applicationId(), v.get(), Math::max));
        return m;
    }

    /** Per application, the requests in flight in this profile. */
    public Map<String, Integer> inFlight(long profileId) {
        Map<String, Integer> m = new TreeMap<>();
        inFlight.forEach((k, v) -> {
            if (k.profileId() == profileId) {
                m.put(k.applicationId(), v.get());
            }
        });
        return m;
    }

    /** Per application, the highest concurrency it reached in this profile. */
    public Map<String, Integer> highestConcurrency(long profileId) {
        Map<String, Integer> m = new TreeMap<>();
        highestConcurrency.forEach((k, v) -> {
            if (k.profileId() == profileId) {
                m.put(k.applicationId(), v.get());
            }
        });
        return m;
    }

    public Map<String, Integer> highestPerMinuteByProfile() {
        Map<String, Integer> m = new TreeMap<>();
        profiles.forEach((k, v) -> m.put(String.valueOf(k), v.highest()));
        return m;
    }

    /** The busiest sliding minute of one profile so far. */
    public int highestPerMinute(long profileId) {
        SlidingWindow w = profiles.get(profileId);
        return w == null ? 0 : w.highest();
    }

    public void reset() {
        profiles.clear();
        ips.clear();
        highestConcurrency.clear();
        rejected.reset();
    }
}
