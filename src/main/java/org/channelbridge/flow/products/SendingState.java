package org.channelbridge.flow.products;

import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the products flow may send. ChannelAdvisor refusing our credentials (a revoked refresh token) is not the
 * fault of any product: sending stops for the rest of the cycle with one error line, products stay unsent (they are
 * not dead-lettered), and the health check reports DOWN until a cycle gets a token again.
 */
public final class SendingState {

    private static final Logger LOG = LoggerFactory.getLogger(SendingState.class);

    private volatile ChannelAdvisorAuthenticationException refused;

    /** A new cycle tries again: the configuration may have been fixed meanwhile. */
    public void newCycle() {
        refused = null;
    }

    public synchronized void stop(ChannelAdvisorAuthenticationException failure) {
        if (refused == null) {
            LOG.error("products: sending stopped: {}. Fix the ChannelAdvisor credentials (channeladvisor.application-id,"
                    + " shared-secret, refresh-token); no product is dead-lettered for this.", failure.getMessage());
        }
        refused = failure;
    }

    /** @throws ChannelAdvisorAuthenticationException when sending was stopped in this cycle */
    public void check() {
        ChannelAdvisorAuthenticationException failure = refused;
        if (failure != null) {
            throw failure;
        }
    }

    public boolean isStopped() {
        return refused != null;
    }

    /** Why sending stopped, or null. */
    public String reason() {
        ChannelAdvisorAuthenticationException failure = refused;
        return failure == null ? null : failure.getMessage();
    }
}
