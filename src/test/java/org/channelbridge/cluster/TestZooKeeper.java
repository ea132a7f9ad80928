package org.channelbridge.cluster;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The ZooKeeper server of the tests: Debian's {@code zookeeper} package on 127.0.0.1:2181, as .ci/run starts it.
 * Without it the test is skipped with a message, unless REQUIRE_ZOOKEEPER=true (as .ci/run sets), which turns its
 * absence into a failure.
 */
final class TestZooKeeper {

    static final String NODES = "127.0.0.1:2181";

    private TestZooKeeper() {
    }

    /** The nodes of the running server, or the test is skipped (failed when it is required). */
    static String nodes() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 2181), 2000);
            return NODES;
        } catch (IOException e) {
            if ("true".equalsIgnoreCase(System.getenv("REQUIRE_ZOOKEEPER"))) {
                throw new IllegalStateException("ZooKeeper is required (REQUIRE_ZOOKEEPER=true) but does not answer on "
                        + NODES + ": " + e.getMessage(), e);
            }
            Assumptions.abort("ZooKeeper does not answer on " + NODES + ", so this test is skipped (install Debian's"
                    + " zookeeper package and start it as .ci/run does, or set REQUIRE_ZOOKEEPER=true to make its"
                    + " absence a failure)");
            return NODES;
        }
    }
}
