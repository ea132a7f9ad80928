package org.channelbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.app.ChannelBridge;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.sandbox.Sandbox;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.system2.System2Database;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Products sync with two profiles against one with one, in the same run: N new products (one POST part each) sent by
 * the {@code --once} command line with the default budget (1,900/min, 4 concurrent, 100 parts a batch) to the sandbox
 * with ChannelAdvisor's limits (2,000 requests/min and 5 concurrent per profile, 8,300/min per IP) and 150 ms ± 50 ms
 * a request plus 5 ms a $batch part. First one profile (12345) gets the N products; then, on a fresh database and
 * sandbox, two profiles (12345, 12346) get them each. The figure is the parts accepted a minute over both profiles,
 * from the first product accepted until the last; the baseline the same for one profile. The goal: at least 1.8
 * times the baseline, no 429, each profile within its own budget (the sandbox refuses with 429 past it).
 * Run: {@code ProfilesSyncBenchmark [products | --quick]} (default 8,000 per profile; quick 3,000).
 */
public final class ProfilesSyncBenchmark {

    public static void main(String[] args) throws Exception {
        int products = args.length == 0 ? 8_000 : args[0].equals("--quick") ? 3_000 : Integer.parseInt(args[0]);
        Run one = run(products, false);
        Run two = run(products, true);
        System.out.printf(Locale.ROOT, "one profile: %s%ntwo profiles: %s%n", one, two);
        BenchResult.append("profiles-sync" + (args.length > 0 && args[0].equals("--quick") ? "-quick" : ""),
                two.partsPerMinute, "parts/min", BenchResult.Against.BASELINE, one.partsPerMinute,
                two.partsPerMinute / one.partsPerMinute,
                String.format(Locale.ROOT, "\"goal_ratio\":\">= 1.8\",\"products_per_profile\":%d,"
                                + "\"synced_one_profile\":%d,\"synced_two_profiles\":%d,\"responses_429\":%d,"
                                + "\"seconds_one_profile\":%.0f,\"seconds_two_profiles\":%.0f,"
                                + "\"budget_per_profile\":\"1900/min, 4 concurrent\","
                                + "\"sandbox_latency\":\"150ms+-50ms a request plus 5 ms a $batch part\"",
                        products, one.synced, two.synced, one.throttled + two.throttled, one.seconds, two.seconds));
        System.exit(0);
    }

    private record Run(double partsPerMinute, long synced, long throttled, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d synced, %.0f parts/min, %d responses 429, %.0f s", synced,
                    partsPerMinute, throttled, seconds);
        }
    }

    private static Run run(int products, boolean twoProfiles) throws Exception {
        SandboxSettings settings = new SandboxSettings();
        settings.httpPort = 0;
        settings.ftpPort = 0;
        settings.requestsPerMinutePerProfile = 2000;
        settings.concurrentRequestsPerApplication = 5;
        settings.latency = Duration.ofMillis(100);
        settings.jitter = Duration.ofMillis(100);
        settings.latencyPerBatchPart = Duration.ofMillis(5);
        Path folder = Files.createTempDirectory("profiles-bench");
        String url = "jdbc:h2:file:" + folder.resolve("system2");
        Sandbox sandbox = Sandbox.start(settings);
        try (System2Database db = System2Database.open(url, "", "", 4)) {
            db.migrate(12345);
            seed(db, products);
            Map<String, String> keys = new HashMap<>(Map.of(
                    "channeladvisor.api-url", sandbox.baseUrl(),
                    "channeladvisor.application-id", "sandbox-app",
                    "channeladvisor.shared-secret", "sandbox-secret",
                    "channeladvisor.refresh-token", "sandbox-refresh-token",
                    "channeladvisor.profile-id", "12345",
                    "channeladvisor.ftp-url", "ftp://127.0.0.1:" + sandbox.ftpPort(),
                    "system2.jdbc.url", url));
            if (twoProfiles) {
                keys.put("channeladvisor.profiles", "us,uk");
                keys.put("channeladvisor.profile.uk.profile-id", "12346");
            }
            Path config = BridgeConfigFiles.copyWith(folder, keys);
            long total = (twoProfiles ? 2L : 1L) * products;
            AtomicLong firstAccepted = new AtomicLong();
            AtomicLong allAccepted = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            long start = System.nanoTime();
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    long synced = count(db, "select count(*) from sync_state where state = 'SYNCED'");
                    long now = System.nanoTime();
                    if (synced > 0) {
                        firstAccepted.compareAndSet(0, now);
                    }
                    if (synced >= total) {
                        allAccepted.compareAndSet(0, now);
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            StringWriter out = new StringWriter();
            int code = new picocli.CommandLine(new ChannelBridge()).setOut(new PrintWriter(out, true))
                    .execute("--once", "--config", config.toString());
            long end = System.nanoTime();
            running.set(false);
            sampler.join();
            System.out.print(out);
            long synced = count(db, "select count(*) from sync_state where state = 'SYNCED'");
            long done = allAccepted.get() == 0 ? end : allAccepted.get();
            double minutes = (done - firstAccepted.get()) / 60e9;
            System.out.printf(Locale.ROOT, "exit %d (%s)%n", code, twoProfiles ? "two profiles" : "one profile");
            return new Run(synced / minutes, synced, throttled(sandbox), (end - start) / 1e9);
        } finally {
            try {
                sandbox.close();
            } catch (RuntimeException e) {
                // the FTP server's stop can fail; the run goes on
            }
        }
    }

    private static void seed(System2Database db, int products) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("insert into products (sku, title, brand, retail_price,"
                     + " cost, quantity) values (?, ?, 'Acme', ?, 5, ?)")) {
            for (int i = 1; i <= products; i++) {
                insert.setString(1, String.format("PROF-%06d", i));
                insert.setString(2, "Profiles bench product " + i);
                insert.setBigDecimal(3, java.math.BigDecimal.valueOf(10 + i % 90));
                insert.setInt(4, i % 50);
                insert.addBatch();
                if (i % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static long count(System2Database db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long throttled(Sandbox sandbox) throws Exception {
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/sandbox/stats")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode requests = new ObjectMapper().readTree(stats.body()).path("requests");
        long n = 0;
        for (JsonNode byStatus : requests) {
            n += byStatus.path("429").asLong(0);
        }
        return n;
    }
}
