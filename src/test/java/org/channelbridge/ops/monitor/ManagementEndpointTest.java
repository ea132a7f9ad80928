package org.channelbridge.ops.monitor;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class ManagementEndpointTest {

    @Test
    void commandsReachTheConfiguredManagementHostWithTheLoginFromTheEnvironment() {
        Properties config = new Properties();
        config.setProperty("camel.management.port", "9443");
        config.setProperty("management.host", "10.1.2.3");
        config.setProperty("management.tls.keystore", "/etc/channel-bridge/management.p12");

        ManagementEndpoint endpoint = ManagementEndpoint.of(null, null, config,
                Map.of("MANAGEMENT_USER", "alice", "MANAGEMENT_PASSWORD", "s3cret-pw"));

        assertThat(endpoint.base()).hasToString("https://10.1.2.3:9443");
        assertThat(endpoint.request("/observe/health").build().headers().firstValue("Authorization"))
                .contains("Basic " + Base64.getEncoder().encodeToString("alice:s3cret-pw".getBytes(UTF_8)));
        assertThat(endpoint.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void aBridgeListeningOnEveryAddressIsReachedOnLoopbackWithoutALoginWhenNoneIsGiven() {
        Properties config = new Properties();
        config.setProperty("camel.management.port", "8081");
        config.setProperty("management.host", "0.0.0.0");

        ManagementEndpoint endpoint = ManagementEndpoint.of(null, null, config, Map.of());

        assertThat(endpoint.base()).hasToString("http://127.0.0.1:8081");
        assertThat(endpoint.request("/observe/health").build().headers().firstValue("Authorization")).isEmpty();
    }
}
