package org.channelbridge.sandbox.products;

/**
 * Server-assigned, increasing product IDs. One sequence serves every profile, so that an ID names one product
 * of one profile, as on the live API.
 */
public final class ProductIds {
    private static final long FIRST = 1_000_001;
    private long next = FIRST;

    synchronized long next() {
        return next++;
    }

    public synchronized void reset() {
        next = FIRST;
    }
}
