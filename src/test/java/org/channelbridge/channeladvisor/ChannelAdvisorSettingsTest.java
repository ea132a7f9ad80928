package org.channelbridge.channeladvisor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelAdvisorSettingsTest {

    @Test
    void theDesignKeysAreReadAndTheRestDefaults() {
        Properties p = new Properties();
        p.setProperty("channeladvisor.api-url", "http://localhost:8089/");
        p.setProperty("channeladvisor.application-id", "sandbox-app");
        p.setProperty("channeladvisor.shared-secret", "sandbox-secret");
        p.setProperty("channeladvisor.refresh-token", "sandbox-refresh-token");
        p.setProperty("channeladvisor.profile-id", "12345");
        p.setProperty("channeladvisor.max-concurrent", "3");
        p.setProperty("channeladvisor.timeout-seconds", "20");

        ChannelAdvisorSettings s = ChannelAdvisorSettings.fromProperties(p);

        assertThat(s.apiUrl()).isEqualTo("http://localhost:8089");
        assertThat(s.tokenUrl()).isEqualTo("http://localhost:8089/oauth2/token");
        assertThat(s.applicationId()).isEqualTo("sandbox-app");
        assertThat(s.profileId()).isEqualTo(12345);
        assertThat(s.requestsPerMinute()).isEqualTo(1900);
        assertThat(s.maxConcurrent()).isEqualTo(3);
        assertThat(s.batchSize()).isEqualTo(100);
        assertThat(s.responseTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.hasCredentials()).isTrue();
    }

    @Test
    void emptyConfigurationMeansTheRealApiWithoutCredentials() {
        ChannelAdvisorSettings s = ChannelAdvisorSettings.fromProperties(new Properties());

        assertThat(s.apiUrl()).isEqualTo("https://api.channeladvisor.com");
        assertThat(s.hasCredentials()).isFalse();
        assertThat(s.profileId()).isZero();
    }

    @Test
    void toStringShowsNoSecret() {
        ChannelAdvisorSettings s = ChannelAdvisorSettings.of("http://x", "sandbox-app", "sandbox-secret",
                "sandbox-refresh-token", 1);

        assertThat(s.toString()).contains("sandbox-app").doesNotContain("sandbox-secret")
                .doesNotContain("sandbox-refresh-token").contains("sharedSecret=(set)");
    }

    @Test
    void aBadNumberIsExplainedByItsKey() {
        Properties p = new Properties();
        p.setProperty("channeladvisor.requests-per-minute", "lots");

        assertThatThrownBy(() -> ChannelAdvisorSettings.fromProperties(p))
                .hasMessage("channeladvisor.requests-per-minute must be a whole number, but is 'lots'");
        p.setProperty("channeladvisor.requests-per-minute", "0");
        assertThatThrownBy(() -> ChannelAdvisorSettings.fromProperties(p))
                .hasMessage("channeladvisor.requests-per-minute must be greater than 0, but is 0");
    }
}
