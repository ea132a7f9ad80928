package org.channelbridge.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The line between the bridge and ChannelAdvisor, as a TCP proxy in front of the sandbox that a test can cut:
 * {@link #refuse()} closes the port (connection refused), {@link #blackHole()} accepts connections and never
 * answers (timeouts), {@link #restore()} forwards again on the same port. Counts the connections the bridge opens.
 */
public final class ChannelAdvisorLine implements AutoCloseable {

    private enum Mode { FORWARD, BLACK_HOLE }

    private final int port;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket server;

    private ChannelAdvisorLine(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    public static ChannelAdvisorLine to(int targetPort) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ChannelAdvisorLine line = new ChannelAdvisorLine(port, targetPort);
        line.listen();
        return line;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Connections the bridge opened so far. */
    public int connections() {
        return connections.get();
    }

    public synchronized void refuse() throws IOException {
        closeAll();
    }

    public synchronized void blackHole() throws IOException {
        closeAll();
        mode = Mode.BLACK_HOLE;
        listen();
    }

    /** Forwards again (a line that forwards already stays as it is). */
    public synchronized void restore() throws IOException {
        if (mode == Mode.FORWARD && server != null && !server.isClosed()) {
            return;
        }
        closeAll();
        mode = Mode.FORWARD;
        listen();
    }

    @Override
    public synchronized void close() throws IOException {
        closeAll();
    }

    private void listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        // while the line was cut, the port was free: an outgoing connection may hold it as its local port for a
        // moment, so binding it again is tried for a while
        for (int attempt = 0; ; attempt++) {
            try {
                s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                break;
            } catch (java.net.BindException e) {
                if (attempt >= 100) {
                    s.close();
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        server = s;
        Thread accept = new Thread(() -> acceptLoop(s), "ca-line-accept");
        accept.setDaemon(true);
        accept.start();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                connections.incrementAndGet();
                open.add(client);
                if (mode == Mode.BLACK_HOLE) {
                    continue; // held open, never answered
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed: the line was cut
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (SocketException e) {
                // the other side went, or the line was cut
            } catch (IOException e) {
                // the same
            } finally {
                quietly(from);
                quietly(to);
            }
        }, "ca-line-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeAll() throws IOException {
        ServerSocket s = server;
        if (s != null) {
            s.close();
        }
        open.forEach(ChannelAdvisorLine::quietly);
        open.clear();
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
