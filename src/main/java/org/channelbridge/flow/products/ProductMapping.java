package org.channelbridge.flow.products;

import org.channelbridge.progress.FlowStats;
import org.channelbridge.progress.ProgressClock;
import org.channelbridge.system2.CatalogProduct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The products flow's mapping step, called by {@code routes/products.camel.yaml} as the bean {@code productMapping}:
 * System2's columns become ChannelAdvisor's fields, quantity and attributes ({@link ProductDelta}; README, "The
 * products flow"), hashed and compared with what ChannelAdvisor last accepted. Counts each product read (unchanged
 * ones as skipped, changed ones by their parts, for the cycle line) and logs the cycle's progress every 10 s.
 */
public final class ProductMapping {

    private static final Logger LOG = LoggerFactory.getLogger(ProductMapping.class);

    private final ProductDelta delta = new ProductDelta();
    private final FlowStats stats;
    private volatile Progress progress = new Progress();

    public ProductMapping(FlowStats stats) {
        this.stats = stats;
    }

    /** A cycle begins: its progress line counts from here. */
    public void newCycle() {
        progress = new Progress();
    }

    /**
     * The change ChannelAdvisor must hear of: the product's changed parts, or a product it would refuse as it is
     * (to be dead-lettered); null when ChannelAdvisor already holds exactly this product.
     */
    public ProductChange changeOf(CatalogProduct product) {
        stats.read(ProductSync.FLOW, 1);
        ProductChange change = delta.decide(product);
        if (change == null) {
            stats.skipped(ProductSync.FLOW, 1);
        } else {
            tally(change);
        }
        progress.read(change != null);
        return change;
    }

    /**
     * The change again after the extension point {@code direct:products-before-send} had System2's values: the
     * values it left (changed or not) are mapped and compared as System2's own; null when ChannelAdvisor already
     * holds them (counted as skipped).
     */
    public ProductChange changeOf(Map<String, Object> item, ProductChange decided) {
        if (item == null) {
            return decided;
        }
        ProductChange change = delta.decide(productOf(item, decided));
        if (change == null) {
            stats.skipped(ProductSync.FLOW, 1);
        }
        return change;
    }

    /** System2's values as an extension point left them (the item a change carries: sku, columns, attributes). */
    private static CatalogProduct productOf(Map<String, Object> item, ProductChange decided) {
        Map<String, String> columns = new LinkedHashMap<>();
        TreeMap<String, String> attributes = new TreeMap<>();
        String sku = decided.sku();
        for (Map.Entry<String, Object> entry : item.entrySet()) {
            Object value = entry.getValue();
            if (entry.getKey().equals("sku")) {
                sku = value == null ? null : value.toString();
            } else if (entry.getKey().equals("attributes") && value instanceof Map<?, ?> named) {
                named.forEach((name, text) -> attributes.put(String.valueOf(name), text == null ? "" : text.toString()));
            } else if (value != null) {
                columns.put(entry.getKey(), value.toString());
            }
        }
        return new CatalogProduct(sku, columns, attributes, decided.state());
    }

    /** What the cycle line tells of the changes: how many, and of which kinds. */
    private void tally(ProductChange change) {
        stats.tally(ProductSync.FLOW, FlowStats.CHANGED, 1);
        for (ProductChange.Part part : change.parts()) {
            stats.tally(ProductSync.FLOW, switch (part) {
                case CREATE -> FlowStats.CREATED;
                case FIELDS -> FlowStats.FIELDS;
                case QUANTITY -> FlowStats.QUANTITIES;
                case ATTRIBUTES -> FlowStats.ATTRIBUTES;
            }, 1);
        }
    }

    /** The cycle's progress line, every 10 s while it reads (products are mapped on several threads). */
    private final class Progress {
        private final ProgressClock clock = new ProgressClock();
        private final AtomicLong read = new AtomicLong();
        private final AtomicLong changed = new AtomicLong();

        void read(boolean isChange) {
            long n = read.incrementAndGet();
            if (isChange) {
                changed.incrementAndGet();
            }
            if (n % 1000 == 0) {
                report(n);
            }
        }

        private void report(long n) {
            boolean due;
            synchronized (this) {
                due = clock.due();
            }
            if (due) {
                FlowStats.Counts counts = stats.of(ProductSync.FLOW);
                LOG.info("products: {} read, {} changed, {} sent, {} dead-lettered in {}s ({} read/s)", n,
                        changed.get(), counts.sent(), counts.deadLettered(), clock.seconds(), clock.perSecond(n));
            }
        }
    }
}
