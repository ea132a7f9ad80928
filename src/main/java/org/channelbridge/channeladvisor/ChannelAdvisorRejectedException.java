package org.channelbridge.channeladvisor;

/** ChannelAdvisor refused the request itself (a 4xx other than 401/406/429): sending it again will not help. */
public class ChannelAdvisorRejectedException extends ChannelAdvisorException {

    public ChannelAdvisorRejectedException(String message, int status, String caMessage) {
        super(message, status, caMessage, null);
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
