package org.channelbridge.cluster;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands of an instance of a cluster (dlq replay, reconcile, --once aside) work beside a running leader: they
 * join no election, so they take no lock and start no scheduled or file-drop consumer.
 */
class CommandsOnAnyInstanceTest {

    @TempDir
    Path folder;

    @Test
    void commandsJoinNoElectionAndTakeNoInboxFile() throws Exception {
        Path root = Files.createDirectories(folder.resolve("cluster"));
        Path inbox = folder.resolve("inbox");
        for (String kind : List.of("products", "shipments", "adjustments")) {
            Files.createDirectories(inbox.resolve(kind));
        }
        Path dropped = inbox.resolve("products/p1.csv");
        Files.writeString(dropped, "sku,title,retail_price,quantity\nCL-FILE,File bar,5,1\n");
        Files.setLastModifiedTime(dropped, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        try (SandboxPeer sandbox = SandboxPeer.start(); TestDatabases.Fresh database = TestDatabases.h2()) {
            Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
            overrides.put("system2.jdbc.url", database.url());
            overrides.put("camel.management.enabled", "false");
            overrides.put("cluster.kind", "file");
            overrides.put("cluster.file.root", root.toString());
            overrides.put("system2.kind", "file");
            overrides.put("system2.file.inbox", inbox.toString());
            overrides.put("system2.file.outbox", folder.resolve("outbox").toString());
            overrides.put("system2.file.settle-ms", "50");
            overrides.put("system2.file.poll-ms", "50");
            overrides.put("reconcile.report-file", folder.resolve("out/reconcile.json").toString());
            BridgeCommands bridge = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), database.url(),
                    "", "");
            bridge.migrate();

            BridgeCommands.Run replay = bridge.run("dlq", "replay", "--flow", "shipments", "--verbose");
            BridgeCommands.Run reconcile = bridge.run("reconcile", "--verbose");

            assertThat(replay.exit()).as(replay.all()).isZero();
            assertThat(reconcile.exit()).as(reconcile.all()).isIn(0, 3);
            try (Stream<Path> locks = Files.list(root)) {
                assertThat(locks.toList()).as("no lock file: no election joined").isEmpty();
            }
            assertThat(replay.all() + reconcile.all()).doesNotContain("leader:");
            assertThat(dropped).as("the inbox file stays for the running leader").exists();
            assertThat(bridge.count("select count(*) from products where sku = 'CL-FILE'")).isZero();
        }
    }
}
