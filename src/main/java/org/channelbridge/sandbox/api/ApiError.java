package org.channelbridge.sandbox.api;

/** A refused call: answered with the status and ChannelAdvisor's OData error body carrying the message. */
public final class ApiError extends RuntimeException {
    private final int status;

    public ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
