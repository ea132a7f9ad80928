package org.channelbridge.cluster;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The ZooKeeper server of the tests: Debian's {@code zookeeper} package on 127.0.0.1:2181, as .ci/run starts it.
 * When nothing answers there but the package is installed ({@code /usr/share/java/zookeeper.jar}), a server of this
 * JVM's own is started from it, on a free port and in a temporary folder, and stopped when the JVM ends. Without
 * either the test is skipped with a message, unless REQUIRE_ZOOKEEPER=true (as .ci/run sets), which turns its absence
 * into a failure.
 */
final class TestZooKeeper {

    static final String NODES = "127.0.0.1:2181";
    static final Path JAR = Path.of("/usr/share/java/zookeeper.jar");

    private static String started;

    private TestZooKeeper() {
    }

    /** The nodes of the running server, or the test is skipped (failed when it is required). */
    static synchronized String nodes() {
        if (answers(2181)) {
            return NODES;
        }
        if (started != null) {
            return started;
        }
        String reason = "ZooKeeper does not answer on " + NODES;
        if (Files.exists(JAR)) {
            try {
                started = startOwn();
                return started;
            } catch (IOException | InterruptedException e) {
                reason += " and Debian's could not be started here: " + e.getMessage();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("REQUIRE_ZOOKEEPER"))) {
            throw new IllegalStateException("ZooKeeper is required (REQUIRE_ZOOKEEPER=true): " + reason);
        }
        Assumptions.abort(reason + ", so this test is skipped (install Debian's zookeeper package, or start it as"
                + " .ci/run does; set REQUIRE_ZOOKEEPER=true to make its absence a failure)");
        return NODES;
    }

    private static String startOwn() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path folder = Files.createTempDirectory("test-zookeeper");
        Path config = folder.resolve("zoo.cfg");
        Files.writeString(config, String.join("\n", "tickTime=1000", "dataDir=" + folder.resolve("data"),
                "clientPort=" + port, "clientPortAddress=127.0.0.1", "admin.enableServer=false", ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-Xmx128m", "-cp", "/etc/zookeeper/conf:" + JAR,
                "org.apache.zookeeper.server.quorum.QuorumPeerMain", config.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("zookeeper.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (answers(port)) {
                return "127.0.0.1:" + port;
            }
            if (!server.isAlive()) {
                throw new IOException("it exited; see " + folder.resolve("zookeeper.log"));
            }
            Thread.sleep(200);
        }
        server.destroyForcibly();
        throw new IOException("it did not answer on port " + port + " within 60 s");
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
