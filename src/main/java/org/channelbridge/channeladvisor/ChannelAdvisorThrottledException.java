package org.channelbridge.channeladvisor;

import java.time.Duration;
import java.util.Optional;

/**
 * ChannelAdvisor answered 429. The client does not wait: the route's redelivery does, honouring {@link #retryAfter()}
 * when ChannelAdvisor sent one.
 */
public class ChannelAdvisorThrottledException extends ChannelAdvisorException {

    private final Duration retryAfter;

    public ChannelAdvisorThrottledException(String message, String caMessage, Duration retryAfter) {
        super(message, 429, caMessage, null);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Retry-After in milliseconds, or -1 when ChannelAdvisor sent none; convenient in route expressions. */
    public long retryAfterMillis() {
        return retryAfter == null ? -1 : retryAfter.toMillis();
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
