package org.channelbridge.app;

import org.channelbridge.ops.FailureSentence;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Before a one-off run sends anything: ChannelAdvisor accepts the credentials, and they cover the configured
 * account ({@code GET /v1/Profiles} lists the profiles a token covers). Either refusal would skip every item of
 * the run, so it ends the run instead (exit code 4). Any other failure is left to the cycles to meet and report.
 */
final class AccountProof {

    private static final Logger LOG = LoggerFactory.getLogger(AccountProof.class);

    private AccountProof() {
    }

    static void prove(ChannelAdvisorClient client) {
        JsonNode profiles;
        try {
            profiles = client.get("/v1/Profiles?$select=ID,IsDisabled");
        } catch (ChannelAdvisorAuthenticationException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("ChannelAdvisor did not answer a first light call: {}", FailureSentence.of(e));
            return;
        }
        long wanted = client.settings().profileId();
        List<String> covered = new ArrayList<>();
        for (JsonNode profile : profiles.path("value")) {
            long id = profile.path("ID").asLong();
            if (id == wanted) {
                if (profile.path("IsDisabled").asBoolean(false)) {
                    throw new ChannelAdvisorAuthenticationException("ChannelAdvisor reports the account of"
                            + " channeladvisor.profile-id " + wanted + " as disabled.", 403, "");
                }
                return;
            }
            covered.add(String.valueOf(id));
        }
        throw new ChannelAdvisorAuthenticationException("ChannelAdvisor does not give these credentials the account of"
                + " channeladvisor.profile-id " + wanted + " (they cover " + (covered.isEmpty() ? "none"
                : String.join(", ", covered)) + ").", 403, "");
    }
}
