package org.channelbridge.sandbox.api;

import org.channelbridge.sandbox.products.ProductUploads;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.auth.TokenService;
import org.channelbridge.sandbox.traffic.FaultInjector;
import org.channelbridge.sandbox.traffic.RequestLimiter;
import org.channelbridge.sandbox.traffic.TrafficStats;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side: Vert.x moves bytes on its event loop and hands each call to a worker, so the in-memory state is
 * never touched on the event loop. Order of checks: per-IP window, URI and body size, injected faults and
 * latency, then token, the profile the call acts in, that profile's window and concurrent slots.
 */
public final class HttpFront {
    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    private final Vertx vertx;
    private final SandboxSettings settings;
    private final TokenService tokens;
    private final RequestLimiter limiter;
    private final FaultInjector faults;
    private final TrafficStats stats;
    private HttpServer server;
    private volatile ApiGateway gateway;
    private volatile AdminApi admin;
    /** Completed once everything behind the port is up; calls that arrive earlier wait for it. */
    private final Promise<Void> ready = Promise.promise();

    public HttpFront(Vertx vertx, SandboxSettings settings, TokenService tokens, RequestLimiter limiter,
                     FaultInjector faults, TrafficStats stats) {
        this.vertx = vertx;
        this.settings = settings;
        this.tokens = tokens;
        this.limiter = limiter;
        this.faults = faults;
        this.stats = stats;
    }

    /** Binds the port (0 picks a free one) and answers the bound port. */
    public int listen() throws Exception {
        HttpServerOptions options = new HttpServerOptions().setHost(settings.host).setPort(settings.httpPort)
                .setMaxInitialLineLength(Math.max(65_536, settings.maxUriLength * 4)).setTcpNoDelay(true)
                .setCompressionSupported(false).setHandle100ContinueAutomatically(true)
                // HTTP/1.1 only, as the bridge speaks it: a client's h2c upgrade (Java's HttpClient asks for one by
                // default) was seen to leave a request unanswered
                .setHttp2ClearTextEnabled(false);
        server = vertx.createHttpServer(options).requestHandler(this::receive);
        return server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
    }

    public void serve(ApiGateway gateway, AdminApi admin) {
        this.gateway = gateway;
        this.admin = admin;
        ready.complete();
    }

    public void close() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private void receive(HttpServerRequest req) {
        // a ProductUpload carries a whole inventory file: ChannelAdvisor takes up to 128 MB there
        long limit = req.path() != null && req.path().startsWith("/v1/ProductUpload")
                ? Math.max(settings.maxBodyBytes, ProductUploads.MAX_BYTES) : settings.maxBodyBytes;
        String length = req.getHeader("Content-Length");
        if (length != null && parseLong(length) > limit) {
            send(req, ApiResponse.error(413, "The request body is larger than " + limit + " bytes."));
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        req.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                tooLarge[0] = true;
            } else if (!tooLarge[0]) {
                body.appendBuffer(chunk);
            }
        });
        req.endHandler(v -> {
            if (tooLarge[0]) {
                send(req, ApiResponse.error(413, "The request body is larger than " + limit + " bytes."));
            } else {
                process(req, body.getBytes());
            }
        });
    }

    private void process(HttpServerRequest req, byte[] body) {
        ApiGateway gw = gateway;
        if (gw == null) {
            ready.future().onSuccess(v -> process(req, body));
            return;
        }
        String uri = req.uri();
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        String ip = req.remoteAddress() == null ? "unknown" : req.remoteAddress().host();
        if (uri.startsWith("/sandbox/")) {
            ApiRequest ar = RequestParsing.request(req.method().name(), uri, headers, body, ip, false);
            vertx.executeBlocking(() -> admin.handle(ar), false).onComplete(res -> send(req,
                    res.succeeded() ? res.result() : ApiResponse.text(500, String.valueOf(res.cause()))));
            return;
        }
        if (!limiter.admitIp(ip)) {
            send(req, gw.tooMany());
            return;
        }
        if (uri.length() > settings.maxUriLength) {
            send(req, ApiResponse.error(414, "The request URI is longer than " + settings.maxUriLength + " characters."));
            return;
        }
        ApiRequest ar;
        try {
            ar = RequestParsing.request(req.method().name(), uri, headers, body, ip, false);
        } catch (ApiError e) {
            send(req, ApiResponse.error(e.status(), e.getMessage()));
            return;
        }
        if (ar.path().equals("/oauth2/token")) {
            send(req, ar.method().equals("POST") ? tokens.token(ar) : ApiResponse.methodNotAllowed(ar.method()));
            return;
        }
        if (!ar.path().startsWith("/v1/")) {
            send(req, ApiResponse.noRoute(gw.baseUrl() + uri));
            return;
        }
        FaultInjector.Fault fault = faults.next(ar.method(), ar.path(), () -> gw.profileForFaults(ar));
        if (fault != null && fault.reset()) {
            stats.record(ar.method(), ar.path(), 0);
            req.connection().close();
            return;
        }
        long delay = faults.latency() + (fault == null ? 0 : fault.delayMillis()) + partLatency(ar);
        if (fault != null && (fault.status() > 0 || fault.malformedJson())) {
            later(delay, () -> send(req, FaultResponses.of(fault)));
            return;
        }
        ApiGateway.Admission admission = gw.admit(ar);
        if (admission.refusal() != null) {
            send(req, admission.refusal());
            return;
        }
        stats.recordAdmitted(admission.profile().id(), ar.method(), ar.path());
        later(delay, () -> vertx.executeBlocking(() -> gw.execute(ar, admission.grant(), admission.profile()), false)
                .onComplete(res -> {
                    gw.finish(admission);
                    if (res.failed()) {
                        LOG.warn("{} {} failed inside the sandbox", ar.method(), ar.path(), res.cause());
                    }
                    send(req, res.succeeded() ? res.result() : ApiResponse.error(500, "An error has occurred."));
                }));
    }

    /** The per-part latency of a $batch request: each part is one application/http message of its body. */
    private long partLatency(ApiRequest ar) {
        long perPart = settings.latencyPerBatchPart.toMillis();
        if (perPart <= 0 || !ar.path().equals("/v1/$batch")) {
            return 0;
        }
        String body = ar.bodyText().toLowerCase(java.util.Locale.ROOT);
        int parts = 0;
        for (int at = body.indexOf("application/http"); at >= 0; at = body.indexOf("application/http", at + 1)) {
            parts++;
        }
        return parts * perPart;
    }

    private void later(long delayMillis, Runnable work) {
        if (delayMillis <= 0) {
            work.run();
        } else {
            vertx.setTimer(delayMillis, id -> work.run());
        }
    }

    private void send(HttpServerRequest req, ApiResponse r) {
        String path = req.path();
        stats.record(req.method().name(), Objects.requireNonNullElse(path, "/"), r.status());
        HttpServerResponse resp = req.response();
        if (resp.closed() || resp.ended()) {
            return;
        }
        resp.setStatusCode(r.status());
        r.headers().forEach(resp::putHeader);
        resp.end(Buffer.buffer(r.body()));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
