package org.channelbridge.ops.monitor;

import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code status} against a running bridge of two profiles (us = 12345, uk = 12346 of the sandbox): a profile column,
 * one row per flow and profile, each with that profile's items.
 */
class ProfileStatusTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @Test
    void statusShowsEachFlowOncePerProfileWithThatProfilesItems() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        BridgeCommands bridge = BridgeCommands.against(sandbox, database.url(), folder, Map.of(
                "channeladvisor.profiles", "us,uk", "channeladvisor.profile.us.profile-id", "12345",
                "channeladvisor.profile.uk.profile-id", "12346", "camel.management.port", String.valueOf(port),
                "orders.cron", "0/2 * * * * ?", "orders.require-known-skus", "false", "demo.catalog-size", "0"));
        sandbox.seedOrders("{\"count\":2,\"readyOnly\":true,\"profileId\":12346}");

        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(
                () -> ChannelBridge.execute("--config", bridge.config().toString()));
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(running).as("the bridge runs").isNotDone();
                BridgeCommands.Run status = bridge.run("status");
                assertThat(status.out()).as(status.all())
                        .containsPattern("(?m)^flow\\s+profile\\s+last cycle")
                        .containsPattern("(?m)^orders\\s+uk \\(12346\\)\\s.*\\sok\\s+2\\s")
                        .containsPattern("(?m)^orders\\s+us \\(12345\\)\\s.*\\sok\\s+0\\s")
                        .containsPattern("(?m)^refunds\\s+uk \\(12346\\)\\s")
                        .as("each profile sends its own bulk files")
                        .containsPattern("(?m)^products-bulk\\s+us \\(12345\\)\\s")
                        .containsPattern("(?m)^products-bulk\\s+uk \\(12346\\)\\s");
            });
        } finally {
            stopBridge();
            assertThat(running.get(60, TimeUnit.SECONDS)).isZero();
        }
    }

    /** Stops the running bridge's Camel context, as JMX would: Camel Main then ends its run. */
    private static void stopBridge() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName context : server.queryNames(new ObjectName("org.apache.camel:type=context,*"), null)) {
            server.invoke(context, "stop", new Object[0], new String[0]);
        }
    }
}
