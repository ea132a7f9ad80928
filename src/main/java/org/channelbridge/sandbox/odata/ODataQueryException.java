package org.channelbridge.sandbox.odata;

/** A query option the sandbox cannot accept; answered with 400 and ChannelAdvisor's OData error body. */
public final class ODataQueryException extends RuntimeException {
    public ODataQueryException(String message) {
        super(message, null, false, false);
    }
}
