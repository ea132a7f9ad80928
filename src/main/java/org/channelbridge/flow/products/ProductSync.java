package org.channelbridge.flow.products;

import org.apache.camel.Exchange;
import org.channelbridge.channeladvisor.AdaptiveBatchSize;
import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.progress.ProgressClock;
import org.channelbridge.system2.CatalogProduct;
import org.channelbridge.system2.ProductCatalog;
import org.channelbridge.system2.SyncStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The Java steps of the products flow, called by {@code routes/products.camel.yaml} as the bean {@code productSync}:
 * stream the catalog and group the changed products into batches, send a batch, settle each product.
 */
public final class ProductSync {

    public static final String FLOW = "products";

    private static final Logger LOG = LoggerFactory.getLogger(ProductSync.class);

    private final ProductCatalog catalog;
    private final ProductDelta delta = new ProductDelta();
    private final ProductBatchSender sender;
    private final SyncStateStore syncStates;
    private final AdaptiveBatchSize batchSize;
    private final SendingState sending;
    private final FlowStats stats;

    public ProductSync(ProductCatalog catalog, ProductBatchSender sender, SyncStateStore syncStates,
                       AdaptiveBatchSize batchSize, SendingState sending, FlowStats stats) {
        this.catalog = catalog;
        this.sender = sender;
        this.syncStates = syncStates;
        this.batchSize = batchSize;
        this.sending = sending;
        this.stats = stats;
    }

    /**
     * The changed products of the catalog, streamed, in groups whose parts fit one {@code $batch} of the current
     * (adaptive) size. Unchanged products are counted as read and skipped and go no further.
     */
    public Iterator<List<ProductChange>> changedBatches() {
        sending.newCycle();
        return new Batches(catalog.open());
    }

    /**
     * The product with this Sku as a group of its own for {@code direct:products-batch}, read again from System2 and
     * decided as a cycle decides it: empty when ChannelAdvisor already holds exactly this product (a replay of a
     * product that went through since changes nothing).
     */
    public List<ProductChange> changeOf(String sku) {
        try (ProductCatalog.Cursor cursor = catalog.open(sku)) {
            if (!cursor.hasNext()) {
                throw new InvalidItemException("Product " + sku + " is no longer in System2's products table.");
            }
            ProductChange change = delta.decide(cursor.next());
            return change == null ? List.of() : List.of(change);
        }
    }

    /** Sends one group; each change then carries its outcome. */
    public List<ProductChange> send(List<ProductChange> changes) {
        sender.send(changes);
        return changes;
    }

    /**
     * Records what ChannelAdvisor accepted for the product in {@code sync_state}, then throws for what it did not:
     * invalid input, a refused part (both dead-lettered at once) or a part that kept failing for now (redelivered:
     * on redelivery the open parts are sent again on their own).
     */
    public void settle(ProductChange change, Exchange exchange) {
        if (!change.isValid()) {
            throw new InvalidItemException(change.problem());
        }
        if (exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) > 0
                && change.rejection() == null && !change.parts().isEmpty()) {
            try {
                sender.sendAlone(change);
            } catch (ChannelAdvisorAuthenticationException e) {
                sending.stop(e);
                throw e;
            } finally {
                record(change);
            }
        } else {
            record(change);
        }
        if (change.rejection() != null) {
            throw change.rejection();
        }
        if (!change.parts().isEmpty()) {
            throw change.openFailure();
        }
    }

    private void record(ProductChange change) {
        if (change.caProductId() != null) {
            ProductValues accepted = change.acceptedValues();
            syncStates.recordAccepted(change.sku(), change.caProductId(), accepted.hash(), accepted.toJson(),
                    change.parts().isEmpty());
        }
    }

    /** The idempotency key of a change (see {@link ProductDelta}). */
    public static String keyOf(ProductChange change) {
        return change.key();
    }

    /** What a dead letter keeps of a product: System2's values. */
    public static Object itemOf(Object body) {
        return body instanceof ProductChange change ? change.item() : body;
    }

    /** The business key a dead letter is filed under. */
    public static String businessKeyOf(ProductChange change) {
        return change.sku() == null || change.sku().isBlank() ? "(no Sku)" : change.sku();
    }

    private final class Batches implements Iterator<List<ProductChange>>, Closeable {
        private final ProductCatalog.Cursor cursor;
        /** The cursor read on a thread of its own while this one compares: a large catalog uses two cores. */
        private final ReadAhead<CatalogProduct> products;
        private ProductChange carried;
        private long read;
        private long changed;
        private int unreported;
        private int unreportedSkips;
        private final ProgressClock progress = new ProgressClock();

        Batches(ProductCatalog.Cursor cursor) {
            this.cursor = cursor;
            this.products = ReadAhead.of(cursor, "products-reader");
        }

        @Override
        public boolean hasNext() {
            if (sending.isStopped()) {
                close();
                return false;
            }
            if (carried == null) {
                carried = nextChange();
            }
            if (carried == null) {
                close();
            }
            return carried != null;
        }

        @Override
        public List<ProductChange> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int limit = batchSize.current();
            List<ProductChange> group = new ArrayList<>();
            int parts = 0;
            while (carried != null && (group.isEmpty() || parts + carried.partCount() <= limit) && group.size() < limit) {
                tallyParts(carried);
                group.add(carried);
                parts += carried.partCount();
                carried = nextChange();
            }
            stats.tally(FLOW, FlowStats.BATCHES, 1);
            report();
            return group;
        }

        /** What the cycle line tells of the changes: how many, and of which kinds. */
        private void tallyParts(ProductChange change) {
            stats.tally(FLOW, FlowStats.CHANGED, 1);
            for (ProductChange.Part part : change.parts()) {
                stats.tally(FLOW, switch (part) {
                    case CREATE -> FlowStats.CREATED;
                    case FIELDS -> FlowStats.FIELDS;
                    case QUANTITY -> FlowStats.QUANTITIES;
                    case ATTRIBUTES -> FlowStats.ATTRIBUTES;
                }, 1);
            }
        }

        private ProductChange nextChange() {
            while (products.hasNext()) {
                CatalogProduct product = products.next();
                read++;
                unreported++;
                ProductChange change = delta.decide(product);
                if (change != null) {
                    changed++;
                    return change;
                }
                unreportedSkips++;
                if (unreported >= 10_000) {
                    report();
                }
            }
            return null;
        }

        private void report() {
            stats.read(FLOW, unreported);
            stats.skipped(FLOW, unreportedSkips);
            unreported = 0;
            unreportedSkips = 0;
            if (progress.due()) {
                LOG.info("products: {} read, {} changed, {} sent, {} dead-lettered in {}s ({} read/s)", read, changed,
                        stats.of(FLOW).sent(), stats.of(FLOW).deadLettered(), progress.seconds(),
                        progress.perSecond(read));
            }
        }

        @Override
        public void close() {
            products.close();
            cursor.close();
            report();
        }
    }
}
