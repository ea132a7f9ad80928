package org.channelbridge.bench;

import org.channelbridge.app.ChannelBridge;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.System2Database;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Orders import and acknowledgement against the sandbox with ChannelAdvisor's limits (2,000 requests/min, 5
 * concurrent) and 150 ms ± 50 ms latency: a backlog of ready orders (100 a page) is saved and
 * exported by {@code --once}. The ceiling is the requests needed (one per page, one Export per order) at the
 * smaller of our request budget and our concurrency ÷ latency; the figure is orders per minute, held against the
 * ceiling's orders per minute. Start-up and shutdown are measured on an empty backlog and taken off.
 */
public final class OrdersImportBenchmark {

    private static final double LATENCY_SECONDS = 0.150;
    private static final int BUDGET_PER_MINUTE = 1900;
    private static final int CONCURRENCY = 4;

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int orders = quick ? 1_000 : 10_000;
        Path folder = Files.createTempDirectory("orders-bench");
        try (SandboxPeer sandbox = SandboxPeer.start(s -> {
            // the sandbox adds latency plus a random 0..jitter: 100 + 0..100 ms is 150 ms ± 50 ms
            s.latency = Duration.ofMillis(100);
            s.jitter = Duration.ofMillis(100);
            s.orderPageSize = 100;
        })) {
            String url = "jdbc:h2:file:" + folder.resolve("system2") + ";AUTO_SERVER=FALSE";
            Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
            overrides.put("system2.jdbc.url", url);
            overrides.put("channeladvisor.requests-per-minute", String.valueOf(BUDGET_PER_MINUTE));
            overrides.put("channeladvisor.max-concurrent", String.valueOf(CONCURRENCY));
            Path config = BridgeConfigFiles.copyWith(folder, overrides);
            try (System2Database db = System2Database.open(url, "", "", 2)) {
                db.migrate();
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    for (int i = 1; i <= 20; i++) {
                        s.executeUpdate("insert into products (sku, title, retail_price, quantity) values ('BENCH-" + i
                                + "', 'Bench " + i + "', 10, 1000)");
                    }
                }
            }
            double overhead = timeOnce(config);
            StringBuilder skus = new StringBuilder("[");
            for (int i = 1; i <= 20; i++) {
                skus.append(i > 1 ? "," : "").append("\"BENCH-").append(i).append('"');
            }
            for (int seeded = 0; seeded < orders; seeded += 1000) {
                sandbox.seedOrders("{\"count\": 1000, \"readyOnly\": true, \"skus\": " + skus + "]}");
            }
            int ready = sandbox.readyUnexportedOrderIds().size();
            double seconds = timeOnce(config) - overhead;

            long saved;
            try (System2Database db = System2Database.open(url, "", "", 2);
                 Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from orders where acked_at is not null")) {
                rs.next();
                saved = rs.getLong(1);
            }
            int requests = ready + (ready + 99) / 100;
            double ceilingPerMinute = Math.min(BUDGET_PER_MINUTE, CONCURRENCY / LATENCY_SECONDS * 60);
            double ceilingOrdersPerMinute = ready / (requests / ceilingPerMinute);
            double ordersPerMinute = saved / (seconds / 60);
            System.out.printf("%d ready orders, %d saved and acknowledged in %.1f s (%.1f s start-up taken off); "
                            + "%d requests; ceiling %.0f requests/min%n",
                    ready, saved, seconds, overhead, requests, ceilingPerMinute);
            long throttled = sandbox.admin("GET", "/sandbox/stats", null).path("tooManyRequestsSent").asLong();
            BenchResult.append(quick ? "orders-import-quick" : "orders-import", ordersPerMinute, "orders/min",
                    BenchResult.Against.CEILING, ceilingOrdersPerMinute, ordersPerMinute / ceilingOrdersPerMinute,
                    String.format(java.util.Locale.ROOT,
                            "\"orders\":%d,\"requests\":%d,\"seconds\":%.1f,\"responses_429\":%d", ready, requests,
                            seconds, throttled));
        }
    }

    private static double timeOnce(Path config) {
        StringWriter log = new StringWriter();
        long start = System.nanoTime();
        int exit = new CommandLine(new ChannelBridge()).setOut(new PrintWriter(log, true))
                .setErr(new PrintWriter(log, true)).execute("--once", "--config", config.toString());
        if (exit != 0) {
            throw new IllegalStateException("--once exited " + exit + ": " + log);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
