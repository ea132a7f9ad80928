package org.channelbridge.channeladvisor;

/** ChannelAdvisor could not answer now (5xx, 406, I/O error, timeout): the same call may work later. */
public class ChannelAdvisorUnavailableException extends ChannelAdvisorException {

    public ChannelAdvisorUnavailableException(String message, int status, String caMessage, Throwable cause) {
        super(message, status, caMessage, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
