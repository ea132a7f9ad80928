package org.channelbridge.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDefaultJarIT {

    @TempDir
    Path folder;

    @Test
    void theJarRunsEveryFlowOnceAgainstTheEmbeddedDefaultAndExitsZero() throws Exception {
        BridgeConfigFiles.copyWith(folder, Map.of());
        try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--once")) {
            int exit = bridge.waitForExit(Duration.ofMinutes(3));
            assertThat(exit).as(bridge.output()).isZero();
            assertThat(bridge.output())
                    .contains("using the embedded sandbox")
                    .contains("Seeded the demo System2")
                    .containsPattern("flow\\s+read\\s+sent\\s+skipped\\s+dead-lettered");
        }
    }

    @Test
    void aSecondStartMeetsANewEmptySandboxAndSendsTheCatalogAgain() throws Exception {
        BridgeConfigFiles.copyWith(folder, Map.of("demo.catalog-size", "40"));
        for (int run = 1; run <= 2; run++) {
            try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of(), "--once")) {
                assertThat(bridge.waitForExit(Duration.ofMinutes(3))).as(bridge.output()).isZero();
                assertThat(bridge.output()).as("run %d", run).containsPattern("products\\s+40\\s+40\\s+0\\s+0");
            }
        }
    }

    @Test
    void theJarRefusesAnIncompleteAccountConfigurationWithOneSentence() throws Exception {
        BridgeConfigFiles.copyWith(folder, Map.of());
        try (BridgeProcess bridge = BridgeProcess.start(folder, Map.of("CA_APPLICATION_ID", "my-app"), "--once")) {
            assertThat(bridge.waitForExit(Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(bridge.output()).contains("Configuration error: channeladvisor.shared-secret is required but empty");
        }
    }
}
