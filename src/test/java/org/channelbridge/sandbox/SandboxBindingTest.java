package org.channelbridge.sandbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox is a test tool without logins: by default it listens on loopback only, and its start line says so. */
class SandboxBindingTest extends SandboxTestBase {

    @Test
    void byDefaultTheSandboxListensOnLoopbackOnlyAndItsStartLineSaysSo() {
        assertThat(new SandboxSettings().host).isEqualTo("127.0.0.1");
        assertThat(sandbox.banner().lines().findFirst().orElseThrow())
                .isEqualTo("ChannelAdvisor sandbox is running on 127.0.0.1 (loopback only: other machines cannot reach "
                        + "it; --host 0.0.0.0 opens it)");
    }
}
