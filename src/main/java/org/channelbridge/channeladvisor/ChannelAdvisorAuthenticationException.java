package org.channelbridge.channeladvisor;

/**
 * ChannelAdvisor refused our credentials: the refresh token or application id/secret (token endpoint 400/401), or a
 * fresh access token still got a 401. Nothing about the item being sent is wrong, and nothing heals it but a change
 * of configuration or of the seller's authorisation.
 */
public class ChannelAdvisorAuthenticationException extends ChannelAdvisorException {

    public ChannelAdvisorAuthenticationException(String message, int status, String caMessage) {
        super(message, status, caMessage, null);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
