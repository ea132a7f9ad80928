package org.channelbridge.bench;

import org.channelbridge.flow.products.ProductChange;
import org.channelbridge.flow.products.ProductDelta;
import org.channelbridge.flow.products.ProductValues;
import org.channelbridge.system2.CatalogProduct;
import org.channelbridge.system2.ProductCatalog;
import org.channelbridge.system2.System2Database;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Delta detection over a large catalog in PostgreSQL (127.0.0.1:5432): every product already in sync_state, 1% of
 * them changed since; the figure is the time to stream the catalog with attributes and sync_state through one
 * cursor, hash each product and decide what changed (the products flow's first step), held against a plain JDBC
 * scan of the same query in the same run (same rows, same fetch size, no hashing). Run with -Xmx512m:
 * {@code DeltaDetectionBenchmark [products]} (default 1,000,000; {@code --quick} 300,000, written as
 * {@code delta-detection-quick}).
 */
public final class DeltaDetectionBenchmark {

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("--quick");
        int products = args.length == 0 ? 1_000_000 : quick ? 300_000 : Integer.parseInt(args[0]);
        String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
        String name = "bench_delta_" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        String url = "jdbc:postgresql://127.0.0.1:5432/" + name;
        try (System2Database db = System2Database.open(url, "postgres", "", 4)) {
            db.migrate();
            long setup = System.nanoTime();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into products (sku, title, brand, retail_price, cost, quantity, updated_at)"
                        + " select 'SKU-' || lpad(i::text, 8, '0'), 'Product ' || i, 'Acme', 10 + i % 90, 5, i % 50,"
                        + " now() from generate_series(1, " + products + ") i");
                s.execute("insert into product_attributes (sku, name, value) select 'SKU-' || lpad(i::text, 8, '0'),"
                        + " 'Color', 'Red' from generate_series(1, " + products + ", 3) i");
            }
            recordAllAsSynced(db);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("update products set retail_price = retail_price + 1 where sku like '%00'");
                s.execute("vacuum analyze");
            }
            System.out.printf(Locale.ROOT, "setup of %d products took %.0f s%n", products,
                    (System.nanoTime() - setup) / 1e9);

            // Each pass once to warm the JIT and the database's cache, then three of each in turn; the best of each
            // is the figure, so that a neighbour's burst on a shared machine does not decide the ratio.
            Pass bridge = null;
            Pass plain = null;
            for (int round = 0; round < 4; round++) {
                Pass b = bridgePass(db);
                Pass p = plainScan(db, FETCH_SIZE);
                if (round > 0) {
                    bridge = bridge == null || b.seconds < bridge.seconds ? b : bridge;
                    plain = plain == null || p.seconds < plain.seconds ? p : plain;
                }
                System.out.printf(Locale.ROOT, "round %d: bridge %.2f s (%d read, %d changed), plain scan %.2f s"
                        + " (%d rows)%n", round, b.seconds, b.products, b.changed, p.seconds, p.products);
            }
            long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
            BenchResult.append(quick ? "delta-detection-quick" : "delta-detection", bridge.seconds, "s",
                    BenchResult.Against.BASELINE, plain.seconds, bridge.seconds / plain.seconds,
                    String.format(Locale.ROOT, "\"products\":%d,\"changed\":%d,\"products_per_s\":%.0f,"
                            + "\"baseline_what\":\"plain JDBC scan of the same query, same rows, fetch size %d,"
                            + " every column read, no hashing\",\"baseline_rows\":%d,\"goal\":\"ratio <= 2.0\",\"goal_ratio\":\"<= 2.0\","
                            + "\"heap_used_mb_at_end\":%d,\"load_average\":%.1f,\"database\":\"PostgreSQL\"",
                            bridge.products, bridge.changed, bridge.products / bridge.seconds, FETCH_SIZE, plain.products,
                            usedMb, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                    .getSystemLoadAverage()));
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    private static final int FETCH_SIZE = 1000;

    private record Pass(double seconds, long products, long changed) {
    }

    /** The products flow's first step: the catalog cursor, the hash of each product, the decision. */
    private static Pass bridgePass(System2Database db) {
        System.gc();
        long start = System.nanoTime();
        ProductDelta delta = new ProductDelta();
        long read = 0;
        long changed = 0;
        try (ProductCatalog.Cursor cursor = new ProductCatalog(db.dataSource(), FETCH_SIZE).open()) {
            while (cursor.hasNext()) {
                ProductChange change = delta.decide(cursor.next());
                read++;
                if (change != null) {
                    changed++;
                }
            }
        }
        return new Pass((System.nanoTime() - start) / 1e9, read, changed);
    }

    /**
     * The baseline: the same query over the same rows with the same fetch size, in a transaction as the cursor
     * streams it, every column of every row read as text, nothing built, hashed or compared.
     */
    private static Pass plainScan(System2Database db, int fetchSize) throws Exception {
        System.gc();
        long start = System.nanoTime();
        long rows = 0;
        long chars = 0;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(ProductCatalog.select(c, false), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(fetchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String v = rs.getString(i);
                            chars += v == null ? 0 : v.length();
                        }
                        rows++;
                    }
                }
            }
            c.commit();
        }
        if (chars == 0) {
            throw new IllegalStateException("the plain scan read nothing");
        }
        return new Pass((System.nanoTime() - start) / 1e9, rows, 0);
    }

    /** What a finished first sync leaves: a SYNCED row per product with the hash of its values (COPY, for speed). */
    static void recordAllAsSynced(System2Database db) throws Exception {
        ProductDelta delta = new ProductDelta();
        try (Connection c = db.dataSource().getConnection();
             ProductCatalog.Cursor cursor = new ProductCatalog(db.dataSource(), 1000).open()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy sync_state (sku, ca_product_id, content_hash, sent_values, state, synced_at)"
                            + " from stdin with (format csv)");
            long id = 1_000_000;
            ArrayList<String> ignored = new ArrayList<>();
            while (cursor.hasNext()) {
                CatalogProduct product = cursor.next();
                ProductValues values = delta.valuesOf(product, ignored);
                String line = product.sku() + "," + (id++) + "," + values.hash() + ",\""
                        + values.toJson().replace("\"", "\"\"") + "\",SYNCED,2026-01-01 00:00:00\n";
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
            }
            copy.endCopy();
        }
    }
}
