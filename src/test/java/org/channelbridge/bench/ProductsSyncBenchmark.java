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
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Products sync through $batch against the sandbox with ChannelAdvisor's limits (2,000 requests/min per profile, 5
 * concurrent) and 150 ms ± 50 ms per request plus 5 ms per $batch part: N changed products (new ones: one POST part each) sent by the
 * {@code --once} command line with the default budget (1,900/min, 4 concurrent, 100 parts per batch). The figure is
 * the rate over whole minutes (the sliding one-minute budget lets requests out in waves a minute apart).
 * Run: {@code ProductsSyncBenchmark [products | --quick]} (default 19,000; quick 4,000, about three minutes).
 */
public final class ProductsSyncBenchmark {

    public static void main(String[] args) throws Exception {
        int products = args.length == 0 ? 19_000 : args[0].equals("--quick") ? 4_000 : Integer.parseInt(args[0]);
        SandboxSettings settings = new SandboxSettings();
        settings.httpPort = 0;
        settings.ftpPort = 0;
        settings.requestsPerMinutePerProfile = 2000;
        settings.concurrentRequestsPerApplication = 5;
        settings.latency = Duration.ofMillis(100);
        settings.jitter = Duration.ofMillis(100);
        settings.latencyPerBatchPart = Duration.ofMillis(5);
        Path folder = Files.createTempDirectory("products-bench");
        String url = "jdbc:h2:file:" + folder.resolve("system2");
        Sandbox sandbox = Sandbox.start(settings);
        try (System2Database db = System2Database.open(url, "", "", 4)) {
            db.migrate();
            seed(db, products);
            Path config = BridgeConfigFiles.copyWith(folder, Map.of(
                    "channeladvisor.api-url", sandbox.baseUrl(),
                    "channeladvisor.application-id", "sandbox-app",
                    "channeladvisor.shared-secret", "sandbox-secret",
                    "channeladvisor.refresh-token", "sandbox-refresh-token",
                    "channeladvisor.profile-id", "12345",
                    "channeladvisor.ftp-url", "ftp://127.0.0.1:" + sandbox.ftpPort(),
                    "system2.jdbc.url", url));
            List<long[]> samples = new ArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> sample(db, samples, running));
            long start = System.nanoTime();
            sampler.start();
            int code = new CommandLine().execute(config);
            running.set(false);
            sampler.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            long synced = count(db, "select count(*) from sync_state where state = 'SYNCED'");
            long throttled = throttled(sandbox);
            // the budget is a sliding minute, so parts leave in waves a minute apart: count whole minutes only, from
            // the first products ChannelAdvisor accepted (start-up and the first catalog read are not the sync rate)
            long firstAccepted = samples.stream().filter(s -> s[1] > 0).mapToLong(s -> s[0]).findFirst().orElse(0) - 1000;
            long[] last = samples.get(samples.size() - 1);
            long minutes = Math.max(1, (last[0] - firstAccepted) / 60_000);
            long sentInWholeMinutes = samples.stream().filter(s -> s[0] < firstAccepted + minutes * 60_000)
                    .mapToLong(s -> s[1]).max().orElse(synced);
            double partsPerMinute = last[0] - firstAccepted < 60_000 ? synced / (seconds / 60)
                    : (double) sentInWholeMinutes / minutes;
            double budgetCeiling = 1900.0 * 100 / 101;
            double concurrencyCeiling = 4 / (0.150 + 100 * 0.005) * 60 * 100;
            double ceiling = Math.min(budgetCeiling, concurrencyCeiling);
            System.out.printf(Locale.ROOT, "exit %d, %d of %d synced in %.0f s, %d responses 429%n", code, synced,
                    products, seconds, throttled);
            BenchResult.append("products-sync", partsPerMinute, "parts/min", BenchResult.Against.CEILING, ceiling,
                    partsPerMinute / ceiling,
                    String.format(Locale.ROOT, "\"products\":%d,\"synced\":%d,\"parts_per_product\":1.0,"
                                    + "\"updates_per_hour\":%.0f,\"responses_429\":%d,\"total_seconds\":%.0f,"
                                    + "\"sandbox_latency\":\"150ms+-50ms a request plus 5 ms a $batch part\"",
                            products, synced, partsPerMinute * 60, throttled, seconds));
        } finally {
            try {
                sandbox.close();
            } catch (RuntimeException e) {
                // the FTP server's stop can fail; the process ends anyway
            }
        }
        System.exit(0);
    }

    private static void seed(System2Database db, int products) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("insert into products (sku, title, brand, retail_price,"
                     + " cost, quantity, updated_at) values (?, ?, 'Acme', ?, 5, ?, ?)")) {
            for (int i = 1; i <= products; i++) {
                insert.setString(1, String.format("BENCH-%06d", i));
                insert.setString(2, "Bench product " + i);
                insert.setBigDecimal(3, java.math.BigDecimal.valueOf(10 + i % 90));
                insert.setInt(4, i % 50);
                insert.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
                insert.addBatch();
                if (i % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static void sample(System2Database db, List<long[]> samples, AtomicBoolean running) {
        long start = System.currentTimeMillis();
        while (running.get()) {
            try {
                samples.add(new long[] {System.currentTimeMillis() - start,
                        count(db, "select count(*) from sync_state where state = 'SYNCED'")});
                Thread.sleep(1000);
            } catch (Exception e) {
                return;
            }
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

    /** The bridge's own command line, in this process, as a user runs it. */
    private static final class CommandLine {
        int execute(Path config) {
            StringWriter out = new StringWriter();
            int code = new picocli.CommandLine(new ChannelBridge()).setOut(new PrintWriter(out, true))
                    .execute("--once", "--config", config.toString());
            System.out.print(out);
            return code;
        }
    }
}
