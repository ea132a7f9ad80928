package org.channelbridge.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxSettingsTest {

    @Test
    void defaultsAreTheDocumentedDemoValues() {
        SandboxSettings s = new SandboxSettings();
        assertThat(s.primaryApplication().id()).isEqualTo("sandbox-app");
        assertThat(s.primaryApplication().secret()).isEqualTo("sandbox-secret");
        assertThat(s.primaryApplication().refreshToken()).isEqualTo("sandbox-refresh-token");
        assertThat(s.profileId).isEqualTo(12345);
        assertThat(s.profiles()).extracting(SandboxSettings.Profile::id).containsExactly(12345L, 12346L);
        assertThat(s.profiles()).extracting(SandboxSettings.Profile::ftpUser).containsExactly("sbxftp:sandbox", "sbxft2:sandbox");
        assertThat(s.primaryApplication().profileIds()).as("every profile").isEmpty();
        assertThat(s.httpPort).isEqualTo(8089);
        assertThat(s.ftpPort).isEqualTo(2121);
        assertThat(s.carriers.get("FedEx")).containsExactly("Ground", "Home Delivery", "2Day", "Priority Overnight");
        assertThat(s.requestsPerMinutePerProfile).isEqualTo(2000);
        assertThat(s.concurrentRequestsPerApplication).isEqualTo(5);
    }

    @Test
    void propertiesUnderTheSandboxPrefixOverrideDefaults() {
        Properties p = new Properties();
        p.setProperty("sandbox.requests-per-minute", "100");
        p.setProperty("sandbox.order-page-size", "20");
        p.setProperty("sandbox.live-orders-per-minute", "3");
        p.setProperty("sandbox.latency-ms", "50");
        p.setProperty("other.key", "ignored");
        SandboxSettings s = SandboxSettings.fromProperties(p);
        assertThat(s.requestsPerMinutePerProfile).isEqualTo(100);
        assertThat(s.orderPageSize).isEqualTo(20);
        assertThat(s.liveOrdersPerMinute).isEqualTo(3);
        assertThat(s.latency).isEqualTo(Duration.ofMillis(50));
        assertThat(s.productPageSize).isEqualTo(100);
    }

    @Test
    void aValueThatIsNotANumberIsReportedWithItsKey() {
        Properties p = new Properties();
        p.setProperty("sandbox.order-page-size", "lots");
        assertThatThrownBy(() -> SandboxSettings.fromProperties(p)).hasMessageContaining("sandbox.order-page-size");
    }

    @Test
    void theProfilesAreAListWhoseFirstIsTheDefault() {
        Properties p = new Properties();
        p.setProperty("sandbox.profile-ids", "777, 778,779");
        p.setProperty("sandbox.ftp-users", "abcdef:one,ghijkl:two");
        SandboxSettings s = SandboxSettings.fromProperties(p);
        assertThat(s.profileId).isEqualTo(777);
        assertThat(s.ftpUser).isEqualTo("abcdef:one");
        assertThat(s.profiles()).extracting(SandboxSettings.Profile::id).containsExactly(777L, 778L, 779L);
        assertThat(s.profiles()).extracting(SandboxSettings.Profile::ftpUser)
                .containsExactly("abcdef:one", "ghijkl:two", "sbxft3:sandbox");
    }

    @Test
    void theOlderSingleProfileKeyNamesTheFirstProfile() {
        Properties p = new Properties();
        p.setProperty("sandbox.profile-id", "555");
        SandboxSettings s = SandboxSettings.fromProperties(p);
        assertThat(s.profiles()).extracting(SandboxSettings.Profile::id).containsExactly(555L, 12346L);

        p.setProperty("sandbox.profile-ids", "556,557");
        assertThatThrownBy(() -> SandboxSettings.fromProperties(p)).hasMessageContaining("sandbox.profile-id")
                .hasMessageContaining("sandbox.profile-ids");
        p.setProperty("sandbox.profile-ids", "555,555");
        assertThatThrownBy(() -> SandboxSettings.fromProperties(p)).hasMessageContaining("555").hasMessageContaining("twice");
    }
}
