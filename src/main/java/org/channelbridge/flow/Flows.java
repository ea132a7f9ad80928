package org.channelbridge.flow;

import java.util.List;

/** The bridge's flows, in the order one cycle runs them: products first, so that orders find their Skus. */
public final class Flows {

    public static final List<String> IN_CYCLE_ORDER =
            List.of("products", "products-bulk", "orders", "acks", "shipments", "refunds");

    private Flows() {
    }
}
