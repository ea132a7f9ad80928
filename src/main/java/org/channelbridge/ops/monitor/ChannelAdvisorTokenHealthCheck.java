package org.channelbridge.ops.monitor;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorException;

import java.time.Duration;
import java.util.Map;

/**
 * UP while ChannelAdvisor accepts the bridge's credentials; DOWN with ChannelAdvisor's reason when the refresh token
 * or the application's credentials are refused — nothing but a change of configuration heals that. A cached access
 * token would hide a revocation until it expires, so the token is proven with one light call (a product ID) at
 * most once per {@code ops.health.token-check-seconds}; probes in between get the last verdict.
 */
public final class ChannelAdvisorTokenHealthCheck extends AbstractHealthCheck {

    private record Verdict(boolean up, String message, long at) {
    }

    private final ChannelAdvisorClient client;
    private final long freshNanos;
    private volatile Verdict last;

    public ChannelAdvisorTokenHealthCheck(ChannelAdvisorClient client, Duration checkEvery) {
        super("bridge", "channeladvisor-token");
        this.client = client;
        this.freshNanos = checkEvery.toNanos();
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Verdict verdict = last;
        if (verdict == null || System.nanoTime() - verdict.at() >= freshNanos) {
            verdict = check();
            last = verdict;
        }
        builder.detail("token.refreshes", client.tokens().refreshCount());
        if (verdict.up()) {
            builder.up();
        } else {
            builder.message(verdict.message()).down();
        }
    }

    private Verdict check() {
        try {
            client.get("/v1/Products?$top=1&$select=ID");
            return new Verdict(true, "", System.nanoTime());
        } catch (ChannelAdvisorAuthenticationException e) {
            return new Verdict(false, e.getMessage() + " - the refresh token was revoked or the credentials changed:"
                    + " authorise the application again and set CA_REFRESH_TOKEN.", System.nanoTime());
        } catch (ChannelAdvisorException e) {
            return new Verdict(false, "ChannelAdvisor cannot be used now: " + e.getMessage(), System.nanoTime());
        }
    }
}
