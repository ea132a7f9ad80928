package org.channelbridge.ops.monitor;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.channelbridge.flow.products.SendingState;

import java.util.Map;

/** DOWN while the products flow cannot send because ChannelAdvisor refused our credentials. */
public final class ProductsHealthCheck extends AbstractHealthCheck {

    private final SendingState sending;

    public ProductsHealthCheck(SendingState sending) {
        super("channel-bridge", "products-sending");
        this.sending = sending;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String reason = sending.reason();
        if (reason == null) {
            builder.up();
        } else {
            builder.message(reason).down();
        }
    }
}
