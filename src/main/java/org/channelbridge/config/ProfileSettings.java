package org.channelbridge.config;

import org.channelbridge.channeladvisor.ChannelAdvisorSettings;

import java.util.Properties;

/**
 * One ChannelAdvisor profile the bridge serves, as its flows see the configuration: every key of the file, with the
 * profile's own {@code channeladvisor.profile.<name>.*} values in place of the defaults they stand for (so that
 * {@code products.distribution-center-id} reads the profile's distribution center).
 *
 * @param name            the name in {@code channeladvisor.profiles}, or {@code default} for the single profile
 * @param profileId       ChannelAdvisor's profile (account) id; 0 while it is not known (the embedded sandbox fills
 *                        it in at start-up)
 * @param properties      the settings view; never shown (it holds the profile's secrets)
 * @param callsName       whether every call names the profile ({@code profileid}): true when profiles are listed,
 *                        since one token may cover several and ChannelAdvisor then acts in the one named
 */
public record ProfileSettings(String name, long profileId, Properties properties, boolean callsName) {

    /** A key's value in this profile (its own, else the default for all), trimmed; empty when unset. */
    public String get(String key) {
        return properties.getProperty(key, "").trim();
    }

    public String get(String key, String fallback) {
        String value = get(key);
        return value.isEmpty() ? fallback : value;
    }

    public int getInt(String key, int fallback) {
        String value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " of profile " + name + " must be a whole number, not '" + value
                    + "'.");
        }
    }

    /** The client settings of this profile: its credentials, its budget, and whether its calls name it. */
    public ChannelAdvisorSettings channelAdvisor() {
        return ChannelAdvisorSettings.fromProperties(properties).withProfileNamedInCalls(callsName);
    }

    @Override
    public String toString() {
        return "profile " + name + " (" + profileId + ")";
    }
}
