package org.channelbridge.channeladvisor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny HTTP server that plays ChannelAdvisor's documented answers, one script per method and path, and records
 * every request. The token endpoint is built in: it issues {@code token-1}, {@code token-2}... for the application
 * {@code sandbox-app}/{@code sandbox-secret} and the refresh token {@code sandbox-refresh-token}.
 */
final class ScriptedChannelAdvisor implements AutoCloseable {

    static final String APP = "sandbox-app";
    static final String SECRET = "sandbox-secret";
    static final String REFRESH = "sandbox-refresh-token";

    record Request(String method, String path, String query, Map<String, String> headers, String body, long atNanos) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        String param(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        String bearer() {
            String auth = header("Authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                return auth.substring(7);
            }
            return param("access_token");
        }
    }

    record Reply(int status, Map<String, String> headers, String body) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json; odata.metadata=minimal"), body);
        }

        static Reply empty(int status) {
            return new Reply(status, Map.of(), "");
        }

        static Reply unauthorized() {
            return json(401, "{\"error\":{\"code\":\"\",\"message\":\"Authorization has been denied for this request.\"}}");
        }

        Reply with(String header, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(header, value);
            return new Reply(status, more, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final Map<String, Function<Request, Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger highestInFlight = new AtomicInteger();
    volatile long tokenDelayMillis;
    volatile long expiresInSeconds = 3600;

    ScriptedChannelAdvisor() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        on("POST", "/oauth2/token", this::token);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ChannelAdvisorSettings settings() {
        return ChannelAdvisorSettings.of(url(), APP, SECRET, REFRESH, 12345);
    }

    /** Scripts the answer to {@code method} on exactly {@code path} (without query). */
    ScriptedChannelAdvisor on(String method, String path, Function<Request, Reply> script) {
        scripts.put(method + " " + path, script);
        return this;
    }

    /** Like {@link #on}, but answers 401 to a request without a currently valid token. */
    ScriptedChannelAdvisor onAuthorized(String method, String path, Function<Request, Reply> script) {
        return on(method, path, request -> validTokens.contains(request.bearer()) ? script.apply(request)
                : Reply.unauthorized());
    }

    /** Makes every token issued so far invalid, as if they had expired. */
    void expireTokens() {
        validTokens.clear();
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    int highestInFlight() {
        return highestInFlight.get();
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Request> requests(String path) {
        return requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    /** A real ChannelAdvisor response from the test resources ({@code fixtures/channeladvisor/}). */
    static String fixture(String name) {
        try (java.io.InputStream in = ScriptedChannelAdvisor.class.getResourceAsStream("/fixtures/channeladvisor/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply token(Request request) {
        sleep(tokenDelayMillis);
        String expected = "Basic " + Base64.getEncoder().encodeToString((APP + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : request.body().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!expected.equals(request.header("Authorization"))
                || !"application/x-www-form-urlencoded".equals(request.header("Content-Type"))
                || !"refresh_token".equals(form.get("grant_type"))
                || !REFRESH.equals(form.get("refresh_token"))) {
            return Reply.json(400, "{\"error\":\"invalid_grant\"}");
        }
        String token = "token-" + tokensIssued.incrementAndGet();
        validTokens.add(token);
        return Reply.json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
                + expiresInSeconds + "}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body, System.nanoTime());
            requests.add(request);
            Reply reply = answer(request);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } finally {
            exchange.close();
        }
    }

    /** Counts the request as in flight while its script runs, i.e. before the client can see any answer. */
    private Reply answer(Request request) {
        int now = inFlight.incrementAndGet();
        highestInFlight.accumulateAndGet(now, Math::max);
        try {
            Function<Request, Reply> script = scripts.get(request.method() + " " + request.path());
            return script == null
                    ? Reply.json(404, "{\"$id\":\"1\",\"Message\":\"No HTTP resource was found that matches the request URI '"
                    + request.path() + "'.\"}")
                    : script.apply(request);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
