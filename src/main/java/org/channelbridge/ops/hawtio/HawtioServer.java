package org.channelbridge.ops.hawtio;

import org.channelbridge.ops.monitor.ManagementEndpoint;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Hawtio's web console ({@code io.hawt:hawtio-war}, carried in the jar) in an embedded Jetty, showing a running
 * bridge through its Jolokia. Listens on 127.0.0.1 only: the console can replay dead letters.
 */
public final class HawtioServer implements AutoCloseable {

    private static final String WAR = "/hawtio/hawtio.war";

    private final Server server;
    private final Path work;

    private HawtioServer(Server server, Path work) {
        this.server = server;
        this.work = work;
    }

    /** Starts Hawtio on {@code port} (0: any free port) for the bridge at {@code bridge}. */
    public static HawtioServer start(int port, ManagementEndpoint bridge) throws Exception {
        // Hawtio's own login guards its local JVM; the bridge's management server owns access to the bridge
        System.setProperty("hawtio.authenticationEnabled", "false");
        System.setProperty("hawtio.offline", "true");
        Path work = Files.createTempDirectory("channel-bridge-hawtio");
        Path war = work.resolve("hawtio.war");
        try (InputStream in = HawtioServer.class.getResourceAsStream(WAR)) {
            if (in == null) {
                throw new IllegalStateException("Hawtio is not in this jar (" + WAR + "); build it with mvn package.");
            }
            Files.copy(in, war, StandardCopyOption.REPLACE_EXISTING);
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/hawtio");
        webapp.setWar(war.toString());
        webapp.setTempDirectory(work.resolve("webapp").toFile());
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(new JolokiaForwarder(bridge, webapp));
        try {
            server.start();
        } catch (Exception e) {
            server.stop();
            delete(work);
            throw e;
        }
        return new HawtioServer(server, work);
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hawtio/";
    }

    public void join() throws InterruptedException {
        server.join();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            delete(work);
        }
    }

    private static void delete(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
