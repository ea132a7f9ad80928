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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Locale;

/**
 * Delta detection over a large catalog in PostgreSQL (127.0.0.1:5432): every product already in sync_state, 1% of
 * them changed since; the figure is the time to stream the catalog with attributes and sync_state through one
 * cursor, hash each product and decide what changed (the products flow's first step). Run with -Xmx512m:
 * {@code DeltaDetectionBenchmark [products]} (default 1,000,000).
 */
public final class DeltaDetectionBenchmark {

    public static void main(String[] args) throws Exception {
        int products = args.length == 0 ? 1_000_000 : args[0].equals("--quick") ? 100_000 : Integer.parseInt(args[0]);
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

            System.gc();
            long start = System.nanoTime();
            ProductDelta delta = new ProductDelta();
            long read = 0;
            long changed = 0;
            try (ProductCatalog.Cursor cursor = new ProductCatalog(db.dataSource(), 1000).open()) {
                while (cursor.hasNext()) {
                    ProductChange change = delta.decide(cursor.next());
                    read++;
                    if (change != null) {
                        changed++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long usedMb = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
            System.out.printf(Locale.ROOT, "%d read, %d changed in %.1f s%n", read, changed, seconds);
            BenchResult.append("delta-detection", seconds, "s", BenchResult.Against.BASELINE, 20.0, seconds / 20.0,
                    String.format(Locale.ROOT, "\"products\":%d,\"changed\":%d,\"products_per_s\":%.0f,"
                            + "\"heap_used_mb_at_end\":%d,\"database\":\"PostgreSQL\"", read, changed,
                            read / seconds, usedMb));
        } finally {
            try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    /** What a finished first sync leaves: a SYNCED row per product with the hash of its values (COPY, for speed). */
    private static void recordAllAsSynced(System2Database db) throws Exception {
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
