package org.channelbridge.cluster;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.system2.TestDatabases;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.channelbridge.sandbox.SandboxSettings;

/**
 * Bridge processes of one profile sharing a file-lock cluster in a folder, against one sandbox and one fresh
 * PostgreSQL System2, every flow on a 2-second schedule.
 */
final class TwoBridges implements AutoCloseable {

    static final List<String> SKUS = IntStream.rangeClosed(1, 25).mapToObj(i -> "INST-" + i).toList();
    static final String LEADS = "is now the leader of profile";
    static final String STANDS_BY = "stands by for profile";

    final TestDatabases.Fresh database;
    final SandboxPeer sandbox;
    final BridgeCommands system2;
    final Path folder;
    final Path clusterRoot;

    TwoBridges(Path folder, Consumer<SandboxSettings> tuning) throws Exception {
        this(folder, tuning, Map.of());
    }

    /** With {@code settings} on top of those every pair has (a products schedule, say). */
    TwoBridges(Path folder, Consumer<SandboxSettings> tuning, Map<String, String> settings) throws Exception {
        this.folder = folder;
        this.clusterRoot = Files.createDirectories(folder.resolve("cluster"));
        this.database = TestDatabases.postgres();
        this.sandbox = SandboxPeer.start(tuning);
        Map<String, String> keys = new java.util.HashMap<>(Map.of(
                "cluster.kind", "file",
                "cluster.file.root", clusterRoot.toString(),
                "orders.cron", "0/2 * * * * ?",
                "acks.cron", "1/2 * * * * ?",
                "shipments.cron", "0/2 * * * * ?",
                "refunds.cron", "1/2 * * * * ?",
                "orders.require-known-skus", "false",
                "camel.health.exposure-level", "full"));
        keys.putAll(settings);
        this.system2 = BridgeCommands.against(sandbox, database, folder, keys);
        system2.insertProducts(SKUS);
    }

    private final Map<BridgeProcess, Integer> managementPorts = new java.util.HashMap<>();

    /** A bridge running continuously in the shared folder, with a management port of its own. */
    BridgeProcess start() throws IOException {
        int port = freePort();
        BridgeProcess bridge = BridgeProcess.start(folder, Map.of("CAMEL_MANAGEMENT_PORT", String.valueOf(port)),
                "--config", system2.config().toString());
        managementPorts.put(bridge, port);
        return bridge;
    }

    /** The body of a GET on the bridge's management server ({@code /observe/health}, a Jolokia read). */
    String management(BridgeProcess bridge, String path) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + managementPorts.get(bridge) + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** A bridge that has taken its place: leader or standby (the line it logs once it joined). */
    BridgeProcess startJoined(String marker) throws Exception {
        BridgeProcess bridge = start();
        if (!bridge.awaitOutput(marker, Duration.ofSeconds(120))) {
            throw new IllegalStateException("the bridge did not log '" + marker + "':\n" + bridge.output());
        }
        return bridge;
    }

    long count(String sql) throws Exception {
        return system2.count(sql);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        sandbox.close();
        database.close();
    }
}
