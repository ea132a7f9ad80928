package org.channelbridge.ops;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reconcile} only reads: it starts no consumer, so neither an inbox file nor a ready order is taken while it
 * compares (the sandbox answers slowly, so that a consumer would have the time to take them).
 */
class ReadOnlyReconcileTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private final Map<String, String> overrides = new HashMap<>();

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start(s -> s.latency = Duration.ofMillis(700));
        database = TestDatabases.h2();
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("camel.management.enabled", "false");
        overrides.put("reconcile.report-file", folder.resolve("out/reconcile.json").toString());
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    private BridgeCommands bridge(Map<String, String> extra) throws Exception {
        Map<String, String> all = new HashMap<>(overrides);
        all.putAll(extra);
        BridgeCommands bridge = new BridgeCommands(BridgeConfigFiles.copyWith(folder, all), database.url(), "", "");
        bridge.migrate();
        return bridge;
    }

    @Test
    void reconcileWritesNothingToSystem2() throws Exception {
        BridgeCommands bridge = bridge(Map.of());
        bridge.insertProducts(List.of("RO-1"));
        sandbox.seedOrders("{\"count\": 2, \"readyOnly\": true, \"skus\": [\"RO-1\"]}");

        BridgeCommands.Run run = bridge.run("reconcile");

        assertThat(run.exit()).as(run.all()).isEqualTo(3);
        assertThat(bridge.count("select count(*) from orders")).isZero();
        assertThat(bridge.count("select count(*) from sync_state")).isZero();
        assertThat(bridge.count("select count(*) from dead_letters")).isZero();
    }

    @Test
    void reconcileInTheFileFormTakesNoFileFromTheInbox() throws Exception {
        Path inbox = folder.resolve("inbox");
        for (String kind : List.of("products", "shipments", "adjustments")) {
            Files.createDirectories(inbox.resolve(kind));
        }
        Path dropped = inbox.resolve("products/p1.csv");
        Files.writeString(dropped, "sku,title,retail_price,quantity\nPR-FILE,File bar,5,1\n");
        Files.setLastModifiedTime(dropped, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        BridgeCommands bridge = bridge(Map.of("system2.kind", "file", "system2.file.inbox", inbox.toString(),
                "system2.file.outbox", folder.resolve("outbox").toString(), "system2.file.settle-ms", "50",
                "system2.file.poll-ms", "50"));
        sandbox.seedOrders("{\"count\": 3, \"readyOnly\": true}");

        BridgeCommands.Run run = bridge.run("reconcile");

        assertThat(run.exit()).as(run.all()).isEqualTo(3);
        assertThat(dropped).exists();
        assertThat(bridge.count("select count(*) from products where sku = 'PR-FILE'")).isZero();
    }
}
