package org.channelbridge.sandbox.orders;

/**
 * What every profile's order store shares: the ID ranges and the seeder's sequence, so that IDs and marketplace
 * order numbers never repeat across profiles.
 */
public final class OrderNumbering {
    private OrderIds ids = new OrderIds();
    private OrderSeeder seeder = new OrderSeeder();

    OrderIds ids() {
        return ids;
    }

    OrderSeeder seeder() {
        return seeder;
    }

    /** Back to the first IDs and the first seeded order (the sandbox was reset). */
    public void reset() {
        ids = new OrderIds();
        seeder = new OrderSeeder();
    }
}
