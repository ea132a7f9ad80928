package org.channelbridge.channeladvisor;

/**
 * How many parts the next {@code $batch} should carry: shrinks by 30% on each 429 down to a floor of 20 (what
 * SkuVault's client does against the live API), and grows back by a tenth of the maximum after each batch that was
 * not throttled. Thread-safe; one instance per flow.
 */
public final class AdaptiveBatchSize {

    public static final int DEFAULT_FLOOR = 20;

    private final int max;
    private final int floor;
    private int current;

    public AdaptiveBatchSize(int max) {
        this(max, DEFAULT_FLOOR);
    }

    public AdaptiveBatchSize(int max, int floor) {
        if (max <= 0 || floor <= 0) {
            throw new IllegalArgumentException("batch sizes must be positive");
        }
        this.max = max;
        this.floor = Math.min(floor, max);
        this.current = max;
    }

    public synchronized int current() {
        return current;
    }

    /** ChannelAdvisor throttled a batch (or parts of it): send smaller ones. */
    public synchronized int throttled() {
        current = Math.max(floor, (int) Math.floor(current * 0.7));
        return current;
    }

    /** A batch went through without throttling: creep back towards the maximum. */
    public synchronized int succeeded() {
        current = Math.min(max, current + Math.max(1, max / 10));
        return current;
    }

    public int max() {
        return max;
    }

    public int floor() {
        return floor;
    }
}
