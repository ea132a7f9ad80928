package org.channelbridge.bench;

import org.channelbridge.channeladvisor.AdaptiveBatchSize;
import org.channelbridge.flow.products.ProductChange;
import org.channelbridge.flow.products.ProductSync;
import org.channelbridge.flow.products.SendingState;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.ProductCatalog;
import org.channelbridge.system2.SyncStateStore;
import org.channelbridge.system2.System2Database;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The memory bound of a products cycle: a catalog of N products in PostgreSQL (127.0.0.1:5432), every one already
 * synced, 1% changed since; the products flow's own delta step ({@link ProductSync#changedBatches}: the catalog
 * streamed through one cursor, each product hashed and decided, the changed ones grouped into $batch-sized groups,
 * each group dropped once taken as the sender drops it once sent) in a JVM capped at -Xmx512m. The figure is the
 * heap's peak (all heap pools, reset after set-up) and the live heap after the last collection; the cap is the
 * ceiling it must stay under. {@code MemoryBoundBenchmark [products|--quick]}: default 5,000,000, --quick 1,000,000.
 */
public final class MemoryBoundBenchmark {

    private static final long CAP_MB = 512;

    public static void main(String[] args) throws Exception {
        if (Runtime.getRuntime().maxMemory() > (CAP_MB + 100) * 1024 * 1024) {
            // run again in a JVM of the capped size (bench/run starts every benchmark with -Xmx1g)
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + CAP_MB + "m", "-cp", System.getProperty("java.class.path"),
                    MemoryBoundBenchmark.class.getName()));
            command.addAll(List.of(args));
            System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
        }
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int products = args.length == 0 ? 5_000_000 : quick ? 1_000_000 : Integer.parseInt(args[0]);
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
        String name = "bench_memory_" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        try (System2Database db = System2Database.open("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "", 4)) {
            db.migrate();
            long setup = System.nanoTime();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into products (sku, title, brand, retail_price, cost, quantity, updated_at)"
                        + " select 'SKU-' || lpad(i::text, 8, '0'), 'Product ' || i, 'Acme', 10 + i % 90, 5, i % 50,"
                        + " now() from generate_series(1, " + products + ") i");
                s.execute("insert into product_attributes (sku, name, value) select 'SKU-' || lpad(i::text, 8, '0'),"
                        + " 'Color', 'Red' from generate_series(1, " + products + ", 3) i");
            }
            DeltaDetectionBenchmark.recordAllAsSynced(db);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("update products set retail_price = retail_price + 1 where sku like '%00'");
                s.execute("vacuum analyze");
            }
            double setupSeconds = (System.nanoTime() - setup) / 1e9;
            System.out.printf(Locale.ROOT, "setup of %d products took %.0f s%n", products, setupSeconds);

            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            ProductSync sync = new ProductSync(new ProductCatalog(db.dataSource(), 1000), null,
                    new SyncStateStore(db.dataSource()), new AdaptiveBatchSize(99, 10), new SendingState(),
                    new FlowStats());
            long changed = 0;
            long groups = 0;
            for (Iterator<List<ProductChange>> batches = sync.changedBatches(); batches.hasNext(); ) {
                changed += batches.next().size();
                groups++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long peakMb = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
            long liveMb = heap.stream().mapToLong(p -> p.getCollectionUsage() == null ? 0
                    : p.getCollectionUsage().getUsed()).sum() / (1024 * 1024);
            System.out.printf(Locale.ROOT, "%d products, %d changed in %d groups, %.0f s; heap peak %d MB, live after"
                    + " the last collection %d MB, cap %d MB%n", products, changed, groups, seconds, peakMb, liveMb,
                    CAP_MB);
            BenchResult.append(quick ? "memory-bound-quick" : "memory-bound", peakMb, "MB heap peak",
                    BenchResult.Against.CEILING, CAP_MB, peakMb / (double) CAP_MB, String.format(Locale.ROOT,
                            "\"products\":%d,\"changed\":%d,\"groups\":%d,\"seconds\":%.0f,\"setup_seconds\":%.0f,"
                                    + "\"heap_live_after_gc_mb\":%d,\"heap_cap_mb\":%d,\"goal\":\"no OutOfMemoryError"
                                    + " at -Xmx512m; peak under the cap\",\"goal_ratio\":\"< 1.0\","
                                    + "\"what\":\"the products cycle's delta step (ProductSync.changedBatches),"
                                    + " sending left out\",\"database\":\"PostgreSQL\"",
                            products, changed, groups, seconds, setupSeconds, liveMb, CAP_MB));
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    private MemoryBoundBenchmark() {
    }
}
