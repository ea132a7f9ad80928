package org.channelbridge.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code channel-bridge sandbox}: runs only the ChannelAdvisor sandbox until the process is stopped. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Runs the local ChannelAdvisor sandbox (REST API, FTP inbox, admin API) until stopped.")
public final class SandboxCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxCommand.class);

    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port = 8089;
    @Option(names = "--ftp-port", description = "FTP port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int ftpPort = 2121;
    @Option(names = "--host", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";
    @Option(names = "--requests-per-minute", description = "requests per sliding minute per profile (default: ${DEFAULT-VALUE})")
    int requestsPerMinute = 2000;
    @Option(names = "--requests-per-minute-per-ip", description = "requests per sliding minute per IP (default: ${DEFAULT-VALUE})")
    int requestsPerMinutePerIp = 8300;
    @Option(names = "--max-concurrent", description = "concurrent requests per application (default: ${DEFAULT-VALUE})")
    int maxConcurrent = 5;
    @Option(names = "--order-page-size", description = "orders per page (default: ${DEFAULT-VALUE}; 20 mimics the old service)")
    int orderPageSize = 100;
    @Option(names = "--latency-ms", description = "latency added to every API call (default: ${DEFAULT-VALUE})")
    long latencyMs;
    @Option(names = "--jitter-ms", description = "random extra latency up to this (default: ${DEFAULT-VALUE})")
    long jitterMs;
    @Option(names = "--ftp-pickup-delay-ms", description = "how long a complete file waits in the FTP inbox (default: ${DEFAULT-VALUE})")
    long ftpPickupDelayMs = 1000;
    @Option(names = "--live-orders-per-minute", description = "new marketplace orders a minute (default: ${DEFAULT-VALUE})")
    int liveOrdersPerMinute;
    @Option(names = "--no-limits", description = "raise every rate and concurrency limit (benchmarks)")
    boolean noLimits;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SandboxSettings s = new SandboxSettings();
        s.httpPort = port;
        s.ftpPort = ftpPort;
        s.host = host;
        s.requestsPerMinutePerProfile = requestsPerMinute;
        s.requestsPerMinutePerIp = requestsPerMinutePerIp;
        s.concurrentRequestsPerApplication = maxConcurrent;
        s.orderPageSize = orderPageSize;
        s.latency = Duration.ofMillis(latencyMs);
        s.jitter = Duration.ofMillis(jitterMs);
        s.ftpPickUpDelay = Duration.ofMillis(ftpPickupDelayMs);
        s.liveOrdersPerMinute = liveOrdersPerMinute;
        if (noLimits) {
            s.withoutLimits();
        }
        for (String taken : new String[] {taken(host, port, "port", "--port"), taken(host, ftpPort, "FTP port", "--ftp-port")}) {
            if (taken != null) {
                spec.commandLine().getErr().println(taken);
                return 1;
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Sandbox sandbox = Sandbox.start(s);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        LOG.info("{}", sandbox.banner());
        stopped.await();
        return 0;
    }

    /** One sentence when another process holds the port (a bind failure deep in a server names neither). */
    private static String taken(String host, int port, String what, String option) {
        if (port <= 0) {
            return null;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException e) {
            return "The sandbox's " + what + " " + port + " on " + host + " is taken by another process; start it with "
                    + option + " P (0 picks a free one).";
        }
    }
}
