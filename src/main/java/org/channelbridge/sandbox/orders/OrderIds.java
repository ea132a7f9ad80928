package org.channelbridge.sandbox.orders;

/**
 * Server-assigned, increasing IDs of orders and their parts, each kind in its own range like the live API. One set
 * serves every profile, so that an ID names one order (item, fulfillment...) of one profile.
 */
final class OrderIds {
    private long order = 500_001;
    private long item = 900_001;
    private long fulfillment = 700_001;
    private long fulfillmentItem = 800_001;
    private long adjustment = 300_001;

    long nextOrder() {
        return order++;
    }

    long nextItem() {
        return item++;
    }

    long nextFulfillment() {
        return fulfillment++;
    }

    long nextFulfillmentItem() {
        return fulfillmentItem++;
    }

    long nextAdjustment() {
        return adjustment++;
    }
}
