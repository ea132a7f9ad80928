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
 * concurrent) and 150 ms ± 50 ms per request plus 5 ms per $batch part: N new products sent by the {@code --once}
 * command line with the default budget (1,900/min, 4 concurrent, 100 parts per batch, packed to 99). A new product
 * costs two parts: its create, then its UpdateQuantity (ChannelAdvisor takes quantity as a step after the create).
 * <p>
 * The figure is the parts ChannelAdvisor accepted per minute: the creates (the sandbox's product count) plus the
 * quantities (a product is SYNCED in sync_state once its quantity part is accepted), sampled every second. The
 * ceiling is what the budget lets through: 1,900 requests a minute, a $batch of 100 parts costing 101. The budget is
 * a sliding minute, so parts leave in waves about a minute apart: the rate is counted over whole minutes from the
 * first part accepted. (Counted as SYNCED products, a minute's end found up to max-concurrent groups created and
 * waiting for their quantity in the next wave, and a product counted once: 0.456 of a ceiling counted in parts.)
 * Run: {@code ProductsSyncBenchmark [products | --quick]} (default 19,000; quick 4,000, about four minutes).
 */
public final class ProductsSyncBenchmark {

    /** A new product's parts: its create and its UpdateQuantity (the seed has no attributes). */
    private static final double PARTS_PER_NEW_PRODUCT = 2.0;

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
            Thread sampler = new Thread(() -> sample(db, sandbox, samples, running));
            long start = System.nanoTime();
            sampler.start();
            int code = new CommandLine().execute(config);
            running.set(false);
            sampler.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            long synced = count(db, "select count(*) from sync_state where state = 'SYNCED'");
            long throttled = throttled(sandbox);
            long rejected = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sandbox.baseUrl() + "/sandbox/stats")).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).path("limits").path("rejected").asLong();
            // the budget is a sliding minute, so parts leave in waves about a minute apart: the rate is counted over
            // whole minutes from the first part ChannelAdvisor accepted (start-up and the first catalog read are not
            // the sync rate). In k whole minutes the budget lets at most k times 1,900 requests through (k disjoint
            // windows), so the ratio cannot pass 1 by the counting; a part counted late by a second is the error.
            long firstAccepted = samples.stream().filter(s -> s[1] > 0).mapToLong(s -> s[0]).findFirst().orElse(0)
                    - 1000;
            long[] last = samples.get(samples.size() - 1);
            long minutes = Math.max(1, (last[0] - firstAccepted) / 60_000);
            long partsInWholeMinutes = samples.stream().filter(s -> s[0] < firstAccepted + minutes * 60_000)
                    .mapToLong(s -> s[1]).max().orElse(0);
            double partsPerMinute = last[0] - firstAccepted < 60_000
                    ? synced * PARTS_PER_NEW_PRODUCT / (seconds / 60) : (double) partsInWholeMinutes / minutes;
            List<Long> waves = waveStarts(samples);
            // every request of the budget in a full $batch: 100 parts for 101 requests
            double budgetCeiling = 1900.0 * 100 / 101;
            // four batches in flight, each 150 ms plus 5 ms a part (far above the budget: never the bound)
            double concurrencyCeiling = 4 / (0.150 + 100 * 0.005) * 60 * 100;
            double ceiling = Math.min(budgetCeiling, concurrencyCeiling);
            System.out.printf(Locale.ROOT, "exit %d, %d of %d synced in %.0f s, %d responses 429, %d requests or parts"
                    + " refused by the limits, waves at %s s%n", code, synced, products, seconds, throttled, rejected,
                    waves.stream().map(w -> String.valueOf(w / 1000)).toList());
            BenchResult.append("products-sync", partsPerMinute, "parts/min", BenchResult.Against.CEILING, ceiling,
                    partsPerMinute / ceiling,
                    String.format(Locale.ROOT, "\"goal_ratio\":\">= 0.95\",\"products\":%d,\"synced\":%d,"
                                    + "\"parts_per_product\":2.0,\"products_per_hour\":%.0f,\"responses_429\":%d,\"refused_by_limits\":%d,"
                                    + "\"waves\":%d,\"whole_minutes\":%d,\"total_seconds\":%.0f,"
                                    + "\"sandbox_latency\":\"150ms+-50ms a request plus 5 ms a $batch part\"",
                            products, synced, partsPerMinute * 60 / PARTS_PER_NEW_PRODUCT, throttled, rejected,
                            waves.size(), minutes, seconds));
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

    /**
     * When each wave of parts began (ms from the start): the last sample before parts were accepted again after 20 s
     * or more without any.
     */
    private static List<Long> waveStarts(List<long[]> samples) {
        List<Long> starts = new ArrayList<>();
        long lastRise = Long.MIN_VALUE / 2;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i)[1] > samples.get(i - 1)[1]) {
                if (samples.get(i)[0] - lastRise >= 20_000) {
                    starts.add(samples.get(i - 1)[0]);
                }
                lastRise = samples.get(i)[0];
            }
        }
        return starts;
    }

    /** Every second: the time and the parts ChannelAdvisor accepted so far (creates plus quantities). */
    private static void sample(System2Database db, Sandbox sandbox, List<long[]> samples, AtomicBoolean running) {
        long start = System.currentTimeMillis();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest stats = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/stats")).build();
        ObjectMapper json = new ObjectMapper();
        long before = -1;
        while (running.get()) {
            try {
                long synced = count(db, "select count(*) from sync_state where state = 'SYNCED'");
                long created = json.readTree(http.send(stats, HttpResponse.BodyHandlers.ofString()).body())
                        .path("products").asLong();
                if (before < 0) {
                    before = created; // products the sandbox held before the bridge started (none, as it is set up)
                }
                created -= before;
                samples.add(new long[] {System.currentTimeMillis() - start, created + synced});
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
