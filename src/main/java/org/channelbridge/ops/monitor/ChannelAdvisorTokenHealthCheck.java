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
 * <p>
 * With several profiles each has a check of its own ({@code channeladvisor-token-uk}; the first profile's keeps the
 * name {@code channeladvisor-token}) whose reason starts with the profile, so that a revoked profile is named and the
 * others read UP.
 */
public final class ChannelAdvisorTokenHealthCheck extends AbstractHealthCheck {

    private record Verdict(boolean up, String message, long at) {
    }

    private final ChannelAdvisorClient client;
    private final long freshNanos;
    private final MonitoredProfile profile;
    private volatile Verdict last;

    /** The check of a bridge of one profile. */
    public ChannelAdvisorTokenHealthCheck(ChannelAdvisorClient client, Duration checkEvery) {
        this(null, client, checkEvery);
    }

    /** The check of one of several profiles ({@code profile}: null for the bridge of one profile). */
    public ChannelAdvisorTokenHealthCheck(MonitoredProfile profile, ChannelAdvisorClient client, Duration checkEvery) {
        super("bridge", "channeladvisor-token" + (profile == null ? "" : profile.suffix()));
        this.client = client;
        this.freshNanos = checkEvery.toNanos();
        this.profile = profile;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Verdict verdict = last;
        if (verdict == null || System.nanoTime() - verdict.at() >= freshNanos) {
            verdict = check();
            last = verdict;
        }
        builder.detail("token.refreshes", client.tokens().refreshCount());
        if (profile != null) {
            builder.detail("profile", profile.label());
        }
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
            String where = profile == null ? "CA_REFRESH_TOKEN"
                    : "channeladvisor.profile." + profile.name() + ".refresh-token (or channeladvisor.refresh-token,"
                    + " the default of every profile)";
            return new Verdict(false, named(e.getMessage() + " - the refresh token was revoked or the credentials"
                    + " changed: authorise the application again and set " + where + "."), System.nanoTime());
        } catch (ChannelAdvisorException e) {
            return new Verdict(false, named("ChannelAdvisor cannot be used now: " + e.getMessage()), System.nanoTime());
        }
    }

    private String named(String reason) {
        return profile == null ? reason : "Profile " + profile.title() + ": " + reason;
    }
}
