package org.channelbridge.config;

import org.channelbridge.channeladvisor.ChannelAdvisorSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** channeladvisor.profiles and the keys of each profile: what each profile gets, and each mistake in one sentence. */
class ProfilesTest {

    /** The shipped defaults with a real account's keys (no embedded sandbox) and {@code extra} on top. */
    private static Properties configuration(Map<String, String> extra) {
        Properties properties = ConfigFile.load(List.of(), Map.of());
        properties.setProperty("channeladvisor.api-url", "https://api.example.test");
        properties.setProperty("channeladvisor.application-id", "app-1");
        properties.setProperty("channeladvisor.shared-secret", "secret-1");
        properties.setProperty("channeladvisor.refresh-token", "refresh-1");
        extra.forEach(properties::setProperty);
        return properties;
    }

    private static Profiles profiles(Map<String, String> extra) {
        return BridgeSettings.check(configuration(extra)).profiles();
    }

    @Test
    void withoutAListTheSingleProfileKeysAreOneProfileNamedDefault() {
        Profiles profiles = profiles(Map.of("channeladvisor.profile-id", "777", "channeladvisor.requests-per-minute",
                "1500"));

        assertThat(profiles.names()).containsExactly("default");
        assertThat(profiles.listed()).isFalse();
        assertThat(profiles.several()).isFalse();
        ChannelAdvisorSettings settings = profiles.first().channelAdvisor();
        assertThat(settings.profileId()).isEqualTo(777);
        assertThat(settings.requestsPerMinute()).isEqualTo(1500);
        assertThat(settings.profileNamedInCalls()).as("single-profile calls stay as they were").isFalse();
        assertThat(settings).isEqualTo(ChannelAdvisorSettings.fromProperties(configuration(Map.of(
                "channeladvisor.profile-id", "777", "channeladvisor.requests-per-minute", "1500"))));
    }

    @Test
    void eachListedProfileTakesItsOwnKeysAndTheDefaultsForTheRest() {
        Profiles profiles = profiles(Map.of(
                "channeladvisor.profiles", "us, uk",
                "channeladvisor.profile.us.profile-id", "12345",
                "channeladvisor.profile.uk.profile-id", "12346",
                "channeladvisor.profile.uk.refresh-token", "refresh-uk",
                "channeladvisor.profile.uk.requests-per-minute", "900",
                "channeladvisor.profile.uk.max-concurrent", "2",
                "channeladvisor.profile.uk.ftp-user", "uk:ftp",
                "channeladvisor.profile.uk.distribution-center-id", "3",
                "channeladvisor.profile.uk.quantity-update-type", "UnShipped",
                "products.distribution-center-id", "1"));

        assertThat(profiles.names()).containsExactly("us", "uk");
        assertThat(profiles.first().name()).isEqualTo("us");
        ProfileSettings us = profiles.named("us").orElseThrow();
        ProfileSettings uk = profiles.named("uk").orElseThrow();

        assertThat(us.channelAdvisor().profileId()).isEqualTo(12345);
        assertThat(us.channelAdvisor().refreshToken()).isEqualTo("refresh-1");
        assertThat(us.channelAdvisor().requestsPerMinute()).isEqualTo(1900);
        assertThat(us.get("products.distribution-center-id")).isEqualTo("1");
        assertThat(us.channelAdvisor().profileNamedInCalls()).isTrue();

        assertThat(uk.channelAdvisor().profileId()).isEqualTo(12346);
        assertThat(uk.channelAdvisor().refreshToken()).isEqualTo("refresh-uk");
        assertThat(uk.channelAdvisor().applicationId()).isEqualTo("app-1");
        assertThat(uk.channelAdvisor().requestsPerMinute()).isEqualTo(900);
        assertThat(uk.channelAdvisor().maxConcurrent()).isEqualTo(2);
        assertThat(uk.get("channeladvisor.ftp-user")).isEqualTo("uk:ftp");
        assertThat(uk.getInt("products.distribution-center-id", 0)).isEqualTo(3);
        assertThat(uk.get("products.quantity-update-type")).isEqualTo("UnShipped");
        assertThat(profiles.label(12346)).isEqualTo("uk (12346)");
        assertThat(profiles.label(99)).isEqualTo("99");
    }

    @Test
    void theDefaultProfileIdServesTheOneProfileThatSetsNone() {
        Profiles profiles = profiles(Map.of("channeladvisor.profiles", "main,extra",
                "channeladvisor.profile-id", "500", "channeladvisor.profile.extra.profile-id", "501"));

        assertThat(profiles.named("main").orElseThrow().profileId()).isEqualTo(500);
        assertThat(profiles.named("extra").orElseThrow().profileId()).isEqualTo(501);
    }

    @Test
    void aProfileWithoutAProfileIdIsRefused() {
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us,uk",
                "channeladvisor.profile.us.profile-id", "12345")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("channeladvisor.profile.uk.profile-id is required: each profile of channeladvisor.profiles"
                        + " needs its ChannelAdvisor profile id.");
    }

    @Test
    void twoProfilesWithOneProfileIdAreRefused() {
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us,uk",
                "channeladvisor.profile.us.profile-id", "12345", "channeladvisor.profile.uk.profile-id", "12345")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The profiles us and uk both have profile id 12345; give each its own"
                        + " channeladvisor.profile.<name>.profile-id.");
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us,uk",
                "channeladvisor.profile-id", "12345")))
                .as("both taking the default for all")
                .hasMessageContaining("both have profile id 12345");
    }

    @Test
    void anUnknownKeyOfAProfileIsRefused() {
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us",
                "channeladvisor.profile.us.profile-id", "12345", "channeladvisor.profile.us.refesh-token", "x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("channeladvisor.profile.us.refesh-token is not a setting of a profile;"
                        + " a profile takes profile-id, api-url, application-id, shared-secret, refresh-token,");
    }

    @Test
    void aKeyOfAProfileTheListDoesNotNameIsRefused() {
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us",
                "channeladvisor.profile.us.profile-id", "12345", "channeladvisor.profile.fr.profile-id", "12347")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("channeladvisor.profile.fr.profile-id is set, but channeladvisor.profiles does not list a"
                        + " profile fr (it lists us).");
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profile-id", "12345",
                "channeladvisor.profile.us.profile-id", "12345")))
                .hasMessage("channeladvisor.profile.us.profile-id is set, but channeladvisor.profiles does not list a"
                        + " profile us (it is empty).");
    }

    @Test
    void badNamesAndBadValuesAreRefusedByTheirKey() {
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us,u k")))
                .hasMessage("channeladvisor.profiles must list profile names (letters, digits, '-' and '_') separated"
                        + " by commas, not 'us,u k'.");
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us,us")))
                .hasMessage("channeladvisor.profiles names the profile us twice.");
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us",
                "channeladvisor.profile.us.profile-id", "twelve")))
                .hasMessage("channeladvisor.profile.us.profile-id must be a ChannelAdvisor profile id (a positive"
                        + " number), not 'twelve'.");
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us",
                "channeladvisor.profile.us.profile-id", "1", "channeladvisor.profile.us.max-concurrent", "6")))
                .hasMessage("channeladvisor.max-concurrent of profile us is 6, but ChannelAdvisor allows at most 5"
                        + " concurrent requests per application.");
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us",
                "channeladvisor.profile.us.profile-id", "1", "channeladvisor.profile.us.quantity-update-type",
                "Relative")))
                .hasMessageStartingWith("Profile us: products.quantity-update-type is 'Relative'");
    }

    @Test
    void aRealAccountNeedsEachProfilesCredentialsOwnOrDefault() {
        Properties properties = configuration(Map.of("channeladvisor.profiles", "us,uk",
                "channeladvisor.profile.us.profile-id", "1", "channeladvisor.profile.uk.profile-id", "2"));
        properties.setProperty("channeladvisor.refresh-token", "");
        properties.setProperty("channeladvisor.profile.us.refresh-token", "refresh-us");

        assertThatThrownBy(() -> BridgeSettings.check(properties))
                .hasMessage("channeladvisor.profile.uk.refresh-token is required but empty, and so is its default for"
                        + " all, channeladvisor.refresh-token.");
    }

    @Test
    void aProfilesOwnApiUrlIsCheckedAsAUrl() {
        assertThatThrownBy(() -> profiles(Map.of("channeladvisor.profiles", "us",
                "channeladvisor.profile.us.profile-id", "1", "channeladvisor.profile.us.api-url", "api.example.test")))
                .hasMessage("channeladvisor.api-url of profile us must be an absolute URL such as"
                        + " https://api.channeladvisor.com, not 'api.example.test'.");
    }

    @Test
    void profilesWithApplicationsOfTheirOwnAreARealAccountWithoutADefaultApplication() {
        Properties properties = configuration(Map.of("channeladvisor.profiles", "us",
                "channeladvisor.profile.us.profile-id", "1", "channeladvisor.profile.us.application-id", "app-us"));
        properties.setProperty("channeladvisor.application-id", "");

        assertThat(BridgeSettings.check(properties).usesEmbeddedSandbox()).isFalse();
    }

    @Test
    void theProfileKeysAreKnownSettingsEvenWhenUnknownKeysAreErrors() {
        Properties properties = configuration(Map.of("strict-config", "true", "channeladvisor.profiles", "us",
                "channeladvisor.profile.us.profile-id", "12345", "channeladvisor.profile.us.ftp-user", "p:u"));

        assertThat(new UnknownSettings(List.of()).check(properties)).isEmpty();
    }

    @Test
    void aCommandNamesAProfileOfTheList() {
        Profiles profiles = profiles(Map.of("channeladvisor.profiles", "us,uk",
                "channeladvisor.profile.us.profile-id", "12345", "channeladvisor.profile.uk.profile-id", "12346"));

        assertThat(profiles.select(null)).extracting(ProfileSettings::name).containsExactly("us", "uk");
        assertThat(profiles.select("uk")).extracting(ProfileSettings::profileId).containsExactly(12346L);
        assertThatThrownBy(() -> profiles.select("fr"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("There is no profile 'fr'; the profiles are us, uk.");
    }
}
