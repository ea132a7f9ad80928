package org.channelbridge.bench;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeProcess;
import org.channelbridge.system2.TestDatabases;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Failover of several instances: two bridge processes of one profile (a standalone PostgreSQL System2, the sandbox),
 * the leader killed with SIGKILL again and again; the figure is the time from the kill to the standby's line that it
 * now leads (its scheduled consumers start with it). After each kill a new process joins as the standby. The file
 * lock always; ZooKeeper as well when a server answers on 127.0.0.1:2181. p50 and p95 are held against the goal,
 * 15 s. {@code FailoverBenchmark [--quick]}: 12 kills per engine, 10 with --quick.
 */
public final class FailoverBenchmark {

    private static final String LEADS = "is now the leader of profile";
    private static final String STANDS_BY = "stands by for profile";

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 && args[0].equals("--quick") ? 10 : 12;
        measure("file", kills);
        if (zooKeeperAnswers()) {
            measure("zookeeper", kills);
        } else {
            System.out.println("ZooKeeper does not answer on 127.0.0.1:2181: only the file lock is measured");
        }
    }

    private static void measure(String engine, int kills) throws Exception {
        Path folder = Files.createTempDirectory("failover-bench");
        Map<String, String> cluster = engine.equals("file")
                ? Map.of("cluster.kind", "file", "cluster.file.root", folder.resolve("cluster").toString())
                : Map.of("cluster.kind", "zookeeper", "cluster.zookeeper.nodes", "127.0.0.1:2181",
                "cluster.zookeeper.base-path", "/failover-bench-" + System.nanoTime());
        try (TestDatabases.Fresh database = TestDatabases.postgres(); SandboxPeer sandbox = SandboxPeer.start()) {
            BridgeCommands bridge = BridgeCommands.against(sandbox, database, folder, cluster);
            String config = bridge.config().toString();
            List<Double> seconds = new ArrayList<>();
            BridgeProcess leader = start(folder, config, LEADS);
            BridgeProcess standby = start(folder, config, STANDS_BY);
            try {
                for (int kill = 0; kill < kills; kill++) {
                    leader.kill();
                    long killed = System.nanoTime();
                    if (!standby.awaitOutput(LEADS, Duration.ofSeconds(60))) {
                        throw new IllegalStateException("no takeover within 60 s:\n" + standby.output());
                    }
                    double took = (System.nanoTime() - killed) / 1e9;
                    seconds.add(took);
                    System.out.printf(Locale.ROOT, "%s kill %d: standby leads after %.1f s%n", engine, kill + 1, took);
                    leader = standby;
                    standby = start(folder, config, STANDS_BY);
                }
            } finally {
                leader.close();
                standby.close();
            }
            Collections.sort(seconds);
            double p50 = percentile(seconds, 50);
            double p95 = percentile(seconds, 95);
            BenchResult.append("failover", p95, "s", BenchResult.Against.BASELINE, 15.0, p95 / 15.0,
                    String.format(Locale.ROOT, "\"engine\":\"%s\",\"kills\":%d,\"p50_s\":%.1f,\"p95_s\":%.1f,"
                                    + "\"max_s\":%.1f,\"what\":\"SIGKILL of the leader to the standby leading\","
                                    + "\"goal\":\"< 15 s\",\"goal_ratio\":\"<= 1.0\"", engine, kills, p50, p95,
                            seconds.get(seconds.size() - 1)));
        }
    }

    private static BridgeProcess start(Path folder, String config, String marker) throws Exception {
        BridgeProcess process = BridgeProcess.start(folder, Map.of("CAMEL_MANAGEMENT_PORT", String.valueOf(freePort())),
                "--config", config);
        if (!process.awaitOutput(marker, Duration.ofSeconds(90))) {
            process.close();
            throw new IllegalStateException("the bridge did not log '" + marker + "':\n" + process.output());
        }
        return process;
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static boolean zooKeeperAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 2181), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
