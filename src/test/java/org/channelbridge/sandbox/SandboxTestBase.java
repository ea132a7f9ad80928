package org.channelbridge.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;

/** One sandbox on free ports per test class, emptied before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxTestBase {
    Sandbox sandbox;
    SandboxClient ca;

    /** Test classes adjust the settings here (limits, delays) before the sandbox starts. */
    void configure(SandboxSettings s) {
    }

    @BeforeAll
    void startSandbox() {
        SandboxSettings s = new SandboxSettings();
        s.httpPort = 0;
        s.ftpPort = 0;
        s.adjustmentProcessingDelay = Duration.ZERO;
        s.ftpPickUpDelay = Duration.ZERO;
        s.ftpPollInterval = Duration.ofMillis(50);
        configure(s);
        sandbox = Sandbox.start(s);
        ca = new SandboxClient(sandbox.baseUrl());
    }

    @BeforeEach
    void emptySandbox() {
        ca.token = null;
        ca.admin("POST", "reset", null);
        ca.login();
    }

    @AfterAll
    void stopSandbox() {
        sandbox.close();
    }
}
