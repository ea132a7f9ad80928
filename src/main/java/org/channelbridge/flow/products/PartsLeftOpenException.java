package org.channelbridge.flow.products;

import org.channelbridge.channeladvisor.ChannelAdvisorException;

/**
 * A round of a group ended with parts ChannelAdvisor did not take yet (throttled, failed for now, no answer, or a
 * create still to be looked up): the route's redelivery sends the group's open parts again. The cause is the failure
 * of the first such product (a 429's Retry-After sets the wait before the next round).
 */
public final class PartsLeftOpenException extends RuntimeException {

    public PartsLeftOpenException(int products, ChannelAdvisorException first) {
        super(products + (products == 1 ? " product has" : " products have") + " parts ChannelAdvisor did not take yet: "
                + first.getMessage(), first);
    }
}
