package org.channelbridge.ops.monitor;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.channelbridge.channeladvisor.AccessTokenProvider;
import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.channelbridge.channeladvisor.ChannelAdvisorException;

import java.util.Map;

/**
 * UP while the bridge holds (or can get) an access token; DOWN with ChannelAdvisor's reason when the refresh token or
 * the application's credentials are refused — nothing but a change of configuration heals that. The token is cached,
 * so a probe calls ChannelAdvisor only when a token is due anyway.
 */
public final class ChannelAdvisorTokenHealthCheck extends AbstractHealthCheck {

    private final AccessTokenProvider tokens;

    public ChannelAdvisorTokenHealthCheck(AccessTokenProvider tokens) {
        super("bridge", "channeladvisor-token");
        this.tokens = tokens;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            tokens.accessToken();
            builder.detail("token.refreshes", tokens.refreshCount()).up();
        } catch (ChannelAdvisorAuthenticationException e) {
            builder.message(e.getMessage() + " — the refresh token was revoked or the credentials changed;"
                    + " authorise the application again and set CA_REFRESH_TOKEN.").down();
        } catch (ChannelAdvisorException e) {
            builder.message("ChannelAdvisor cannot issue a token now: " + e.getMessage()).down();
        }
    }
}
