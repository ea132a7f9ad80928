package org.channelbridge.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist 31: the per-IP window counts every call from an address, the token request included. */
class IpLimitContractTest extends SandboxTestBase {

    @Override
    void configure(SandboxSettings s) {
        s.requestsPerMinutePerIp = 5;
    }

    @Test
    void callsBeyondThePerIpWindowGet429() {
        for (int i = 0; i < 4; i++) {
            assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
        }
        assertThat(ca.get("/v1/Products").status()).isEqualTo(429);
        assertThat(ca.admin("GET", "stats", null).status()).isEqualTo(200);
    }
}
