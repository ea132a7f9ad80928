package org.channelbridge.ops;

import org.channelbridge.app.ChannelBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new ChannelBridge()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void onceOnTheEmbeddedDefaultExitsZeroAndPrintsTheSummaryTable() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder, Map.of(
                "system2.jdbc.url", "jdbc:h2:file:" + folder.resolve("data/system2"),
                "demo.catalog-size", "20"));

        assertThat(run("--once", "--config", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("flow").contains("read").contains("sent").contains("dead-lettered");
    }

    @Test
    void anEmptySharedSecretStopsStartUpWithOneSentenceNamingTheKey() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder, Map.of(
                "channeladvisor.application-id", "my-app",
                "channeladvisor.refresh-token", "r",
                "channeladvisor.profile-id", "1",
                "channeladvisor.shared-secret", ""));

        assertThat(run("--once", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString().trim())
                .isEqualTo("Configuration error: channeladvisor.shared-secret is required but empty (set CA_SHARED_SECRET).");
    }

    @Test
    void anUnknownSystem2KindIsRefusedByName() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder, Map.of("system2.kind", "ftp"));

        assertThat(run("--once", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("system2.kind must be 'jdbc' or 'file', not 'ftp'.");
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        assertThat(run("--once", "--config", folder.resolve("nope.properties").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nope.properties does not exist");
    }

    @Test
    void secretsNeverAppearInAConfigurationError() throws Exception {
        Path config = BridgeConfigFiles.copyWith(folder, Map.of(
                "channeladvisor.application-id", "my-app",
                "channeladvisor.shared-secret", "s3cr3t-value",
                "channeladvisor.refresh-token", "r3fr3sh-value",
                "channeladvisor.profile-id", "not-a-number"));

        assertThat(run("--once", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("channeladvisor.profile-id").doesNotContain("s3cr3t-value", "r3fr3sh-value");
    }
}
