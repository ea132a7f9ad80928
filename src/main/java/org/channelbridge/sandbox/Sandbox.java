package org.channelbridge.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.channelbridge.sandbox.api.AdminApi;
import org.channelbridge.sandbox.api.ApiGateway;
import org.channelbridge.sandbox.api.HttpFront;
import org.channelbridge.sandbox.auth.TokenService;
import org.channelbridge.sandbox.ftp.FtpInbox;
import org.channelbridge.sandbox.profiles.ProfileData;
import org.channelbridge.sandbox.profiles.Profiles;
import org.channelbridge.sandbox.traffic.FaultInjector;
import org.channelbridge.sandbox.traffic.RequestLimiter;
import org.channelbridge.sandbox.traffic.TrafficStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local, stateful stand-in for ChannelAdvisor: the REST API under {@code /v1}, the token endpoint, an FTP
 * inbox, and an admin API under {@code /sandbox/}. Start it with {@link #start}, close it when done.
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final SandboxSettings settings;
    private final SandboxClock clock = new SandboxClock();
    private final Vertx vertx;
    private TokenService tokens;
    private HttpFront http;
    private FtpInbox ftp;
    private ApiGateway gateway;
    private String baseUrl;
    private int httpPort;
    private long timerId = -1;
    private double liveOrdersOwed;
    private long lastTick;

    private Sandbox(SandboxSettings settings) {
        this.settings = settings;
        this.vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(settings.workerThreads)
                .setEventLoopPoolSize(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }

    public static Sandbox start(SandboxSettings settings) {
        Sandbox s = new Sandbox(settings);
        try {
            s.startAll();
            return s;
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("the sandbox could not start: " + e.getMessage(), e);
        }
    }

    private void startAll() throws Exception {
        Profiles profiles = new Profiles(settings);
        tokens = new TokenService(settings, clock);
        RequestLimiter limiter = new RequestLimiter(settings, clock);
        FaultInjector faults = new FaultInjector(settings.latency.toMillis(), settings.jitter.toMillis());
        TrafficStats traffic = new TrafficStats();
        http = new HttpFront(vertx, settings, tokens, limiter, faults, traffic);
        httpPort = http.listen();
        baseUrl = "http://" + settings.host + ":" + httpPort;
        gateway = new ApiGateway(settings, clock, tokens, limiter, faults, profiles, baseUrl);
        ftp = new FtpInbox(settings, clock, gateway);
        ftp.start();
        http.serve(gateway, new AdminApi(settings, clock, gateway, tokens, traffic, ftp::status, ftp::reset,
                ftp::faults));
        lastTick = clock.millis();
        long every = Math.max(50, Math.min(settings.ftpPollInterval.toMillis(), 1000));
        timerId = vertx.setPeriodic(every, id -> vertx.executeBlocking(() -> {
            tick();
            return null;
        }, true));
    }

    /**
     * Background work: adjustments that are due, files in the FTP inboxes, and the live marketplace's new orders (at
     * the configured rate in each profile that lists products).
     */
    private void tick() {
        gateway.settleDueAdjustments();
        ftp.poll();
        long now = clock.millis();
        if (settings.liveOrdersPerMinute > 0) {
            liveOrdersOwed += settings.liveOrdersPerMinute * (now - lastTick) / 60_000.0;
            int due = (int) liveOrdersOwed;
            if (due > 0) {
                liveOrdersOwed -= due;
                // a marketplace sells only what is listed: no products yet, no orders
                for (ProfileData p : gateway.profiles().all()) {
                    gateway.underLock(false, () -> p.products().count() == 0 ? List.of()
                            : p.orders().seed(due, false, 0, 0, List.of(), clock.now()));
                }
            }
        }
        lastTick = now;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int httpPort() {
        return httpPort;
    }

    public int ftpPort() {
        return ftp.port();
    }

    /** Trust store (PKCS12, password sandbox) with the certificate the FTP server offers for explicit TLS. */
    public java.nio.file.Path ftpTrustStore() {
        return ftp.trustStore();
    }

    /** Whether an FTP client has asked for TLS yet (the FTP server sets it up on the first AUTH TLS). */
    public boolean ftpTlsSetUp() {
        return ftp.tlsSetUp();
    }

    public SandboxClock clock() {
        return clock;
    }

    /** The access tokens issued so far (a test looks for them where they must never show). */
    public java.util.Set<String> issuedAccessTokens() {
        return tokens.issued();
    }

    private boolean loopbackOnly() {
        return settings.host.equals("localhost") || settings.host.startsWith("127.") || settings.host.equals("::1");
    }

    /** Where to reach the sandbox and the public demo credentials it accepts. */
    public String banner() {
        SandboxSettings.Application app = settings.primaryApplication();
        List<String> ids = settings.profiles().stream().map(p -> String.valueOf(p.id())).toList();
        List<String> ftpUsers = settings.profiles().stream().map(p -> p.ftpUser() + " (" + p.id() + ")").toList();
        return String.join(System.lineSeparator(),
                "ChannelAdvisor sandbox is running on " + settings.host + (loopbackOnly()
                        ? " (loopback only: other machines cannot reach it; --host 0.0.0.0 opens it)"
                        : " (other machines can reach it: /sandbox/ has no login; it is a test tool)"),
                "  REST API      " + baseUrl + "/v1   (token: POST " + baseUrl + "/oauth2/token)",
                "  FTP inbox     ftp://" + settings.host + ":" + ftpPort() + "/Inventory (explicit TLS offered:"
                        + " ftps://, trust store " + ftpTrustStore() + ", password sandbox)",
                "  admin API     " + baseUrl + "/sandbox/stats",
                "  demo credentials (public sandbox values):",
                "    application id  " + app.id(),
                "    shared secret   " + app.secret(),
                "    refresh token   " + app.refreshToken(),
                "    profile ids     " + String.join(", ", ids) + (ids.size() > 1 ? "   (a call that names none acts in "
                        + ids.get(0) + ")" : ""),
                "    FTP users       " + String.join(", ", ftpUsers) + " / " + settings.ftpPassword);
    }

    @Override
    public void close() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        try {
            if (http != null) {
                http.close();
            }
        } catch (Exception e) {
            LOG.debug("closing the sandbox HTTP server: {}", e.getMessage());
        }
        if (ftp != null) {
            ftp.close();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("closing Vert.x: {}", e.getMessage());
        }
    }
}
