package org.channelbridge.bench;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.channelbridge.app.BridgeBeans;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.ConfigFile;
import org.channelbridge.flow.products.ProductGroup;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.System2Database;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory bound of a products cycle: a catalog of N products in PostgreSQL (127.0.0.1:5432), every one already
 * synced, 1% changed since; the products flow's own cycle up to its groups (routes/products.camel.yaml: the catalog
 * streamed from the sql endpoint, each product mapped, hashed and decided on the senders' threads, the changed ones
 * gathered into $batch-sized groups, each group dropped where it would be sent, as the sender drops it once sent) in
 * a JVM capped at -Xmx512m. The figure is the
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
            AtomicLong changed = new AtomicLong();
            AtomicLong groups = new AtomicLong();
            long start;
            try (CamelContext camel = productsRoutes(db, changed, groups)) {
                start = System.nanoTime();
                camel.createProducerTemplate().sendBody("direct:products-cycle", null);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long peakMb = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024 * 1024);
            long liveMb = heap.stream().mapToLong(p -> p.getCollectionUsage() == null ? 0
                    : p.getCollectionUsage().getUsed()).sum() / (1024 * 1024);
            System.out.printf(Locale.ROOT, "%d products, %d changed in %d groups, %.0f s; heap peak %d MB, live after"
                    + " the last collection %d MB, cap %d MB%n", products, changed.get(), groups.get(), seconds, peakMb,
                    liveMb, CAP_MB);
            BenchResult.append(quick ? "memory-bound-quick" : "memory-bound", peakMb, "MB heap peak",
                    BenchResult.Against.CEILING, CAP_MB, peakMb / (double) CAP_MB, String.format(Locale.ROOT,
                            "\"products\":%d,\"changed\":%d,\"groups\":%d,\"seconds\":%.0f,\"setup_seconds\":%.0f,"
                                    + "\"heap_live_after_gc_mb\":%d,\"heap_cap_mb\":%d,\"goal\":\"no OutOfMemoryError"
                                    + " at -Xmx512m; peak under the cap\",\"goal_ratio\":\"< 1.0\","
                                    + "\"what\":\"the products cycle of routes/products.camel.yaml up to its groups"
                                    + " (catalog query, mapping, grouping), sending left out\",\"database\":\"PostgreSQL\"",
                            products, changed.get(), groups.get(), seconds, setupSeconds, liveMb, CAP_MB));
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    /**
     * The shipped products routes on the bridge's own beans, with each full group counted and dropped where it would
     * be sent ({@code products-batch}), as the sender drops it once sent.
     */
    private static CamelContext productsRoutes(System2Database db, AtomicLong changed, AtomicLong groups)
            throws Exception {
        Properties settings = ConfigFile.load(Path.of("config/application.properties"), Map.of());
        settings.setProperty("system2.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/unused");
        settings.setProperty("channeladvisor.application-id", "bench");
        settings.setProperty("channeladvisor.shared-secret", "bench");
        settings.setProperty("channeladvisor.refresh-token", "bench");
        settings.setProperty("channeladvisor.profile-id", "1");
        settings.setProperty("channeladvisor.api-url", "http://127.0.0.1:9");
        settings.setProperty("flows.scheduled", "false");
        settings.setProperty("products.bulk.threshold", "0");
        CamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setInitialProperties(settings);
        BridgeBeans.create(BridgeSettings.check(settings), db, new FlowStats(), camel)
                .forEach(camel.getRegistry()::bind);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/flow-errors.camel.yaml"),
                ResourceHelper.resolveMandatoryResource(camel, "file:routes/products.camel.yaml"));
        org.channelbridge.app.ProfileRoutes.addAll(camel);
        AdviceWith.adviceWith(camel, "products-batch", route -> route.weaveAddFirst().process(exchange -> {
            groups.incrementAndGet();
            changed.addAndGet(exchange.getMessage().getBody(ProductGroup.class).size());
        }).stop());
        camel.start();
        return camel;
    }

    private MemoryBoundBenchmark() {
    }
}
