package org.channelbridge.channeladvisor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one limiter every flow shares: at most {@code limit} requests per sliding window (ChannelAdvisor counts per
 * profile per minute, and counts a {@code $batch} of n parts as n+1), at most {@code maxConcurrent} calls in flight
 * (ChannelAdvisor allows 5 per integration), and a shared pause after a 429 so every caller holds back, not just the
 * one that was throttled.
 * <p>
 * A call's requests stay in the window until a window after its answer, not after its start: ChannelAdvisor counts
 * the parts of a {@code $batch} as it carries them out, up to the answer, so a window counted from the start would
 * free them while ChannelAdvisor still counts them, and the next wave of calls would meet 429s.
 */
public final class RequestBudget {

    private final int limit;
    private final long windowNanos;
    private final Semaphore inFlight;
    private final int maxConcurrent;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<long[]> spent = new ArrayDeque<>();
    private int spentInWindow;
    private long pausedUntil;

    private final AtomicLong requestsSent = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger highestConcurrency = new AtomicInteger();

    public RequestBudget(int requestsPerMinute, int maxConcurrent) {
        this(requestsPerMinute, Duration.ofMinutes(1), maxConcurrent);
    }

    /** A budget over any window; tests use short windows and small limits. */
    public RequestBudget(int limit, Duration window, int maxConcurrent) {
        if (limit <= 0 || maxConcurrent <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a request budget needs a positive limit, window and concurrency");
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.maxConcurrent = maxConcurrent;
        this.inFlight = new Semaphore(maxConcurrent, true);
    }

    public static RequestBudget of(ChannelAdvisorSettings settings) {
        return new RequestBudget(settings.requestsPerMinute(), settings.maxConcurrent());
    }

    /**
     * Waits for a free concurrency slot and for {@code cost} requests of the rate budget, then holds the slot until
     * the returned permit is closed: {@code try (var permit = budget.enter(cost)) { call }}.
     */
    public Permit enter(int cost) {
        boolean waited = false;
        try {
            if (!inFlight.tryAcquire()) {
                waited = true;
                inFlight.acquire();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelAdvisorUnavailableException("Interrupted while waiting to call ChannelAdvisor.", 0, "", e);
        }
        long[] spending = new long[2];
        try {
            waited |= take(cost, spending);
        } catch (RuntimeException e) {
            inFlight.release();
            throw e;
        }
        if (waited) {
            waits.incrementAndGet();
        }
        int now = running.incrementAndGet();
        highestConcurrency.accumulateAndGet(now, Math::max);
        return new Permit(spending);
    }

    /** Takes {@code calls} requests of the rate budget, waiting as long as needed; no concurrency slot is held. */
    public void acquire(int calls) {
        if (take(calls, new long[2])) {
            waits.incrementAndGet();
        }
    }

    /**
     * Holds the calling thread back for {@code delay} on the budget's own condition, holding no concurrency slot (a
     * page read again after a passing failure); the call that follows still waits out a pause after a 429.
     */
    public void holdBack(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelAdvisorUnavailableException("Interrupted while waiting to call ChannelAdvisor.", 0, "", e);
        } finally {
            lock.unlock();
        }
    }

    /** Holds every caller back for {@code pause} (after a 429); a longer pause already in force is kept. */
    public void pauseFor(Duration pause) {
        lock.lock();
        try {
            pausedUntil = Math.max(pausedUntil, System.nanoTime() + pause.toNanos());
            throttled.incrementAndGet();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes {@code cost} requests of the window, written in {@code spending} (time, cost), waiting as needed. */
    private boolean take(int cost, long[] spending) {
        if (cost <= 0 || cost > limit) {
            throw new IllegalArgumentException("a call costing " + cost + " requests can never fit a budget of "
                    + limit + " requests per window");
        }
        boolean waited = false;
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                while (!spent.isEmpty() && now - spent.peekFirst()[0] >= windowNanos) {
                    spentInWindow -= (int) spent.pollFirst()[1];
                }
                long waitNanos;
                if (now < pausedUntil) {
                    waitNanos = pausedUntil - now;
                } else if (spentInWindow + cost <= limit) {
                    spending[0] = now;
                    spending[1] = cost;
                    spent.addLast(spending);
                    spentInWindow += cost;
                    requestsSent.addAndGet(cost);
                    return waited;
                } else {
                    waitNanos = spent.peekFirst()[0] + windowNanos - now;
                }
                waited = true;
                changed.awaitNanos(Math.max(waitNanos, TimeUnit.MICROSECONDS.toNanos(100)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelAdvisorUnavailableException("Interrupted while waiting to call ChannelAdvisor.", 0, "", e);
        } finally {
            lock.unlock();
        }
    }

    /** Requests counted against the budget so far (a batch counts its parts plus one). */
    public long requestsSent() {
        return requestsSent.get();
    }

    /** How many 429 answers paused the budget. */
    public long throttledCount() {
        return throttled.get();
    }

    /** How many calls had to wait for a slot, the rate budget or a pause. */
    public long waitCount() {
        return waits.get();
    }

    /** The most calls that were ever in flight at once. */
    public int highestConcurrency() {
        return highestConcurrency.get();
    }

    public int inFlight() {
        return running.get();
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int limit() {
        return limit;
    }

    /** The call answered: its requests count from now, for a whole window (the latest of them was counted now). */
    private void answered(long[] spending) {
        lock.lock();
        try {
            if (!spent.removeFirstOccurrence(spending)) {
                // a call longer than the window: its requests had left it
                spentInWindow += (int) spending[1];
            }
            spending[0] = System.nanoTime();
            spent.addLast(spending);
        } finally {
            lock.unlock();
        }
    }

    /** A held concurrency slot; closing it (the call answered or failed) lets the next caller in. */
    public final class Permit implements AutoCloseable {
        private final long[] spending;
        private boolean open = true;

        private Permit(long[] spending) {
            this.spending = spending;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                answered(spending);
                running.decrementAndGet();
                inFlight.release();
            }
        }
    }
}
