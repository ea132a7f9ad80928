package org.channelbridge.channeladvisor;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.time.Duration;

/**
 * Lets a route's redelivery honour ChannelAdvisor's Retry-After. Used as the {@code onExceptionOccurred} processor
 * of the {@code onException} clause for {@link ChannelAdvisorThrottledException}: Camel runs it before it works out
 * the next delay, and a {@code CamelRedeliveryDelay} header overrides the policy's delay for that one redelivery.
 * Without a Retry-After the header is removed, so the policy's exponential back-off with jitter applies.
 */
public final class RetryAfterDelay implements Processor {

    private final long maxDelayMillis;

    public RetryAfterDelay() {
        this(Duration.ofMinutes(15));
    }

    /** @param maxDelay the longest wait taken from a Retry-After; beyond it the route waits this long */
    public RetryAfterDelay(Duration maxDelay) {
        this.maxDelayMillis = maxDelay.toMillis();
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        long delay = -1;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ChannelAdvisorThrottledException throttled) {
                delay = throttled.retryAfterMillis();
                break;
            }
        }
        if (delay >= 0) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, Math.min(delay, maxDelayMillis));
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }
}
