package org.channelbridge.app;

import org.apache.camel.CamelContext;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ODataPager;
import org.channelbridge.config.ProfileSettings;
import org.channelbridge.config.Profiles;
import org.channelbridge.system2.IdempotentKeys;

import javax.sql.DataSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry names of the profiles ({@code channeladvisor.profiles}): {@value #PROFILES} lists them, and each
 * profile {@code <name>} has its own client {@code channelAdvisor-<name>} (its token, its request budget, its calls
 * naming the profile) and its own idempotent repositories {@code <flow>Keys-<name>}. The first profile's client is
 * also {@code channelAdvisor}, the one the routes that name no profile use.
 * <p>
 * Only listed profiles get these names. The flows' routes name their profile's client
 * ({@code client=#channelAdvisor{{suffix}}}, app/ProfileRoutes); an endpoint that names none acts for the first profile.
 */
final class ProfileBeans {

    static final String PROFILES = "bridgeProfiles";

    private ProfileBeans() {
    }

    /** The client bean of a profile. */
    static String clientName(String profile) {
        return "channelAdvisor-" + profile;
    }

    /** The idempotent repository bean of a flow in a profile. */
    static String keysName(String flow, String profile) {
        return flow + "Keys-" + profile;
    }

    /** {@code first}: the client already made for the first profile (bean channelAdvisor). */
    static Map<String, Object> create(Profiles profiles, ChannelAdvisorClient first, ODataPager.PageRetry pageRetry,
                                      DataSource dataSource, CamelContext context) {
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put(PROFILES, profiles);
        if (!profiles.listed()) {
            return beans;
        }
        for (ProfileSettings profile : profiles) {
            ChannelAdvisorClient client = profile == profiles.first() ? first
                    : ChannelAdvisorClient.create(context, profile.channelAdvisor(), pageRetry);
            beans.put(clientName(profile.name()), client);
            IdempotentKeys keys = IdempotentKeys.forProfile(profile.profileId());
            for (String flow : BridgeApplication.FLOWS) {
                beans.put(keysName(flow, profile.name()), keys.repositoryOf(dataSource, flow));
            }
        }
        return beans;
    }
}
