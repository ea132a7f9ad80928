package org.channelbridge.ops.monitor;

import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.config.ProfileSettings;
import org.channelbridge.ops.deadletter.DeadLetterStore;
import org.channelbridge.progress.FlowStats;

/**
 * One ChannelAdvisor profile as the operator's view shows it: its flow counters, its client (token, budget, 429s) and
 * its dead letters. The label {@code profile} of the metrics and the key {@code profile} of the flow MBeans are its id.
 *
 * @param name      the name in {@code channeladvisor.profiles} ({@code default} for the single profile)
 * @param profileId ChannelAdvisor's profile id
 * @param suffix    what the profile adds to its route ids ({@code -uk}; nothing for the first profile)
 * @param scope     the profile id its own records are kept under (0 for the single profile: app/ProfileRoutes)
 * @param settings  its configuration (its FTP login, for the health check of that login)
 */
public record MonitoredProfile(String name, long profileId, String suffix, long scope, FlowStats stats,
                               ChannelAdvisorClient client, DeadLetterStore deadLetters, ProfileSettings settings) {

    /** The profile's metric label and MBean key: its id. */
    public String label() {
        return String.valueOf(profileId);
    }

    /** As status and the cycle lines name it: {@code uk (12346)}. */
    public String title() {
        return name + " (" + profileId + ")";
    }
}
