package org.channelbridge.progress;

import java.time.Duration;

/**
 * When long work logs its progress line: at most once per interval (10 s for the bridge's long reads and writes),
 * with the elapsed time and rate for the line. Each piece of work keeps its own sentence; this keeps the clock.
 * Not thread-safe: one per piece of work.
 */
public final class ProgressClock {

    /** The interval of every progress line of the bridge. */
    public static final Duration EVERY = Duration.ofSeconds(10);

    private final long interval;
    private final long started = System.nanoTime();
    private long last = started;

    public ProgressClock() {
        this(EVERY);
    }

    public ProgressClock(Duration interval) {
        this.interval = interval.toNanos();
    }

    /** True when a progress line is due (and counts it as written). */
    public boolean due() {
        long now = System.nanoTime();
        if (now - last < interval) {
            return false;
        }
        last = now;
        return true;
    }

    /** True when the work has lasted at least one interval: its final line is worth writing. */
    public boolean wasLong() {
        return System.nanoTime() - started >= interval;
    }

    /** Whole seconds since the work started. */
    public long seconds() {
        return Math.round(elapsed());
    }

    /** {@code count} per second since the work started. */
    public long perSecond(long count) {
        return Math.round(count / Math.max(elapsed(), 0.001));
    }

    /** Seconds {@code remaining} more will take at the rate of {@code done} so far. */
    public long secondsLeft(long done, long remaining) {
        return Math.round(remaining / (double) Math.max(perSecond(done), 1));
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }
}
