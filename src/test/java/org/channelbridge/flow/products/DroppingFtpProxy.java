package org.channelbridge.flow.products;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of an FTP server (passive mode) that can drop an upload half-way: the control connection is
 * relayed line by line with each {@code 227} answer pointed at a relay of the data connection, and while drops are
 * armed a data connection is reset after {@code dropAfterBytes} bytes, as a network failure would.
 */
final class DroppingFtpProxy implements AutoCloseable {

    private static final Pattern PASV = Pattern.compile("227 .*\\((\\d+),(\\d+),(\\d+),(\\d+),(\\d+),(\\d+)\\).*");

    private final int serverPort;
    private final long dropAfterBytes;
    private final ServerSocket control;
    private final AtomicInteger drops = new AtomicInteger();

    DroppingFtpProxy(int serverPort, long dropAfterBytes) throws IOException {
        this.serverPort = serverPort;
        this.dropAfterBytes = dropAfterBytes;
        this.control = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptControl);
    }

    int port() {
        return control.getLocalPort();
    }

    /** The next {@code n} data connections are reset half-way. */
    void dropNext(int n) {
        drops.set(n);
    }

    private void acceptControl() {
        while (!control.isClosed()) {
            try {
                Socket client = control.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                daemon(() -> pump(client, server));
                daemon(() -> relayAnswers(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Server → client on the control connection, with passive-mode addresses replaced by a data relay. */
    private void relayAnswers(Socket server, Socket client) {
        try (server; client; BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.ISO_8859_1)); OutputStream out = client.getOutputStream()) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher m = PASV.matcher(line);
                if (m.matches()) {
                    int dataPort = Integer.parseInt(m.group(5)) * 256 + Integer.parseInt(m.group(6));
                    int relay = dataRelay(dataPort);
                    line = "227 Entering Passive Mode (127,0,0,1," + (relay / 256) + "," + (relay % 256) + ")";
                }
                out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the session is over
        }
    }

    private int dataRelay(int dataPort) throws IOException {
        ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        daemon(() -> {
            try (relay; Socket client = relay.accept();
                 Socket server = new Socket(InetAddress.getLoopbackAddress(), dataPort)) {
                Thread back = daemon(() -> pump(server, client));
                copy(client, server);
                back.join(10_000);
            } catch (IOException | InterruptedException e) {
                // the transfer is over
            }
        });
        return relay.getLocalPort();
    }

    /**
     * Copies client → server (an upload; listings carry nothing this way). An upload that takes an armed drop is
     * reset after {@code dropAfterBytes}.
     */
    private void copy(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] buffer = new byte[8192];
        long copied = 0;
        long limit = Long.MAX_VALUE;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (copied == 0 && drops.getAndUpdate(d -> Math.max(0, d - 1)) > 0) {
                limit = dropAfterBytes;
            }
            if (copied + n > limit) {
                from.setSoLinger(true, 0);
                to.setSoLinger(true, 0);
                from.close();
                to.close();
                return;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        to.shutdownOutput();
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static Thread daemon(Runnable work) {
        Thread t = new Thread(work, "ftp-proxy");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws IOException {
        control.close();
    }
}
