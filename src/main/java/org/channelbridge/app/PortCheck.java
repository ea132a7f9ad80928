package org.channelbridge.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A port the bridge is about to listen on, tried first: a server that finds it taken would otherwise log a stack
 * trace and carry on without it (Camel's management server) or fail without naming it.
 */
public final class PortCheck {

    private PortCheck() {
    }

    /**
     * Stops start-up with one sentence naming the port and the key that moves it when another process holds it;
     * port 0 (any free port) always passes.
     */
    public static void free(String host, int port, String what, String movedBy) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(host == null || host.isBlank() ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortTakenException(what + " " + port + " is taken by another process; set " + movedBy
                    + " to a free port.");
        }
    }

    /** The bridge could not start because a port it listens on is taken (exit code 1, not a wrong setting). */
    public static final class PortTakenException extends RuntimeException {
        public PortTakenException(String message) {
            super(message);
        }
    }
}
