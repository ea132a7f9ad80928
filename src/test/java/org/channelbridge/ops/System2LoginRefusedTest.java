package org.channelbridge.ops;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database server that answers and refuses the login is a setting to correct, not an outage to wait out: the
 * continuous run and the commands stop with one sentence naming the keys (exit 2), where a server that does not answer
 * is waited for (System2DownAtStartIT).
 */
class System2LoginRefusedTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start();
        database = TestDatabases.mariadb();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    private BridgeCommands bridgeWithPassword(String password) throws Exception {
        Map<String, String> keys = new HashMap<>(sandbox.bridgeOverrides());
        keys.put("system2.jdbc.url", database.url());
        keys.put("system2.jdbc.user", database.user());
        keys.put("system2.jdbc.password", password);
        try (ServerSocket free = new ServerSocket(0)) {
            keys.put("camel.management.port", String.valueOf(free.getLocalPort()));
        }
        return new BridgeCommands(BridgeConfigFiles.copyWith(folder, keys), database.url(), database.user(), password);
    }

    @Test
    void aRefusedDatabaseLoginStopsOnceAndTheCommandsWithOneSentenceNamingTheKeys() throws Exception {
        BridgeCommands bridge = bridgeWithPassword("not-the-password");

        BridgeCommands.Run once = bridge.run("--once");
        assertThat(once.exit()).as(once.all()).isEqualTo(2);
        assertThat(once.err()).contains("The System2 database refused the login")
                .contains("system2.jdbc.user and system2.jdbc.password").doesNotContain("not-the-password")
                .doesNotContain("\tat ");

        BridgeCommands.Run dlq = bridge.run("dlq", "list");
        assertThat(dlq.exit()).as(dlq.all()).isEqualTo(2);
        assertThat(dlq.err()).contains("system2.jdbc.password");
    }

    @Test
    void aContinuousBridgeWhoseDatabaseRefusesItsLoginStopsInsteadOfWaiting() throws Exception {
        BridgeCommands bridge = bridgeWithPassword("not-the-password");

        CompletableFuture<BridgeCommands.Run> running = CompletableFuture.supplyAsync(() -> bridge.run());
        BridgeCommands.Run run = running.get(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS);
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("The System2 database refused the login")
                .contains("system2.jdbc.user and system2.jdbc.password").doesNotContain("not-the-password");
    }
}
