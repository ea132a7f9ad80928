package org.channelbridge.bench;

import org.channelbridge.sandbox.Sandbox;
import org.channelbridge.sandbox.SandboxSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Simple authenticated GETs per second against the sandbox with no latency and every limit raised, from a
 * loopback client with several threads in the same JVM. Goal: 5,000 requests/s on 2 cores, so that the
 * sandbox is never what limits a test of the bridge.
 */
public final class SandboxRequestsBenchmark {
    private static final double GOAL = 5000;

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int threads = 8;
        long warmupMillis = quick ? 2_000 : 5_000;
        long measureMillis = quick ? 4_000 : 20_000;
        SandboxSettings settings = new SandboxSettings().withoutLimits();
        settings.httpPort = 0;
        settings.ftpPort = 0;
        try (Sandbox sandbox = Sandbox.start(settings)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = token(http, sandbox.baseUrl());
            List<URI> products = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/Products"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"Sku\":\"BENCH-" + i + "\",\"Title\":\"Bench " + i
                                + "\",\"RetailPrice\":9.99}")).build(), HttpResponse.BodyHandlers.ofString());
                String id = r.body().replaceAll("(?s).*\"ID\":(\\d+).*", "$1");
                products.add(URI.create(sandbox.baseUrl() + "/v1/Products(" + id + ")"));
            }
            run(http, token, products, threads, warmupMillis);
            double perSecond = run(http, token, products, threads, measureMillis);
            System.out.printf("sandbox: %.0f authenticated GETs/s with %d client threads%n", perSecond, threads);
            BenchResult.append("sandbox-requests", perSecond, "requests/s", BenchResult.Against.CEILING, GOAL);
        }
    }

    private static double run(HttpClient http, String token, List<URI> products, int threads, long millis) throws Exception {
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                int i = offset;
                while (!stop.get()) {
                    HttpRequest req = HttpRequest.newBuilder(products.get(i++ % products.size()))
                            .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        (r.statusCode() == 200 ? ok : failed).increment();
                    } catch (Exception e) {
                        failed.increment();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(millis);
        stop.set(true);
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (failed.sum() > 0) {
            System.out.println("failed requests: " + failed.sum());
        }
        return ok.sum() / seconds;
    }

    private static String token(HttpClient http, String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "sandbox-app:sandbox-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token=sandbox-refresh-token"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return r.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }
}
