package org.channelbridge.channeladvisor;

/**
 * A call to ChannelAdvisor that did not succeed, already classified so a route's {@code onException} can decide by
 * type: transient ones are redelivered, permanent ones dead-lettered with {@link #caMessage()}.
 */
public abstract class ChannelAdvisorException extends RuntimeException {

    private final int status;
    private final String caMessage;

    protected ChannelAdvisorException(String message, int status, String caMessage, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.caMessage = caMessage == null ? "" : caMessage;
    }

    /** The HTTP status ChannelAdvisor answered with, or 0 when no answer came (I/O error, timeout). */
    public int status() {
        return status;
    }

    /** ChannelAdvisor's own words about the failure (from either error body style); empty when it said nothing. */
    public String caMessage() {
        return caMessage;
    }

    /** True when the same call may succeed later without any change to it. */
    public abstract boolean isTransient();
}
