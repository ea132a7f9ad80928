package org.channelbridge.flow;

import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorRejectedException;

/** The ChannelAdvisor side of an order as the shipments and refunds flows need it. */
public final class OrderLookup {

    private final ChannelAdvisorClient client;

    public OrderLookup(ChannelAdvisorClient client) {
        this.client = client;
    }

    /** The whole order (items, fulfillments with items, adjustments), as ChannelAdvisor holds it now. */
    public OrderProgress progress(long orderId) {
        return OrderProgress.of(client.getOrder(orderId));
    }

    /** The order with only its adjustments: enough to follow an adjustment, and a lighter answer. */
    public OrderProgress adjustments(long orderId) {
        return OrderProgress.of(client.get("/v1/Orders(" + orderId + ")?$expand=Adjustments"));
    }

    /** False when ChannelAdvisor answers 404 for the order. */
    public boolean exists(long orderId) {
        try {
            client.get("/v1/Orders(" + orderId + ")?$select=ID");
            return true;
        } catch (ChannelAdvisorRejectedException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }
}
