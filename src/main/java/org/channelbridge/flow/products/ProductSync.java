package org.channelbridge.flow.products;

import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.system2.CatalogProduct;
import org.channelbridge.system2.CatalogRows;
import org.channelbridge.system2.SyncStateStore;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The Java steps of the products flow around the catalog and each product, called by
 * {@code routes/products.camel.yaml} as the bean {@code productSync}: the catalog rows of a cycle as products, a
 * replayed product read again, and the settling of each product once its group was sent.
 */
public final class ProductSync {

    public static final String FLOW = "products";

    private final ProductDelta delta = new ProductDelta();
    private final CatalogRows rows;
    private final ProductMapping mapping;
    private final SyncStateStore syncStates;
    private final SendingState sending;
    /** The failure that ended the current cycle's read of the catalog (one cycle at a time: CycleGate). */
    private volatile RuntimeException readFailure;

    public ProductSync(CatalogRows rows, ProductMapping mapping, SyncStateStore syncStates, SendingState sending) {
        this.rows = rows;
        this.mapping = mapping;
        this.syncStates = syncStates;
        this.sending = sending;
    }

    /**
     * A cycle's catalog, one product at a time as its rows come from the database; a new cycle may send again (a
     * refused token may have been fixed meanwhile), and the catalog ends early when sending stops in it. A read that
     * fails midway ends the catalog too, so that the products already read are grouped and sent before the cycle
     * fails with it ({@link #catalogRead()}).
     */
    public Iterator<CatalogProduct> catalog(Iterator<CatalogRows.Row> catalogRows) {
        sending.newCycle();
        mapping.newCycle();
        readFailure = null;
        Iterator<CatalogProduct> products = rows.products(catalogRows);
        return new Iterator<>() {
            private boolean ended;
            /** A product hasNext() promised: next() gives it even if sending stopped in between. */
            private boolean promised;

            @Override
            public synchronized boolean hasNext() {
                if (promised) {
                    return true;
                }
                if (ended || sending.isStopped()) {
                    return false;
                }
                try {
                    promised = products.hasNext();
                } catch (RuntimeException e) {
                    readFailure = e;
                }
                ended = !promised;
                return promised;
            }

            @Override
            public synchronized CatalogProduct next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                promised = false;
                return products.next();
            }
        };
    }

    /** @throws RuntimeException the failure that ended the cycle's read of the catalog midway, if one did */
    public void catalogRead() {
        RuntimeException failure = readFailure;
        if (failure != null) {
            readFailure = null;
            throw failure;
        }
    }

    /**
     * A replayed product as System2 holds it now (the catalog query for its Sku), decided as a cycle decides it:
     * null when ChannelAdvisor already holds exactly this product.
     */
    public ProductChange replayOf(Iterator<CatalogRows.Row> productRows, String sku) {
        Iterator<CatalogProduct> products = rows.products(productRows);
        if (!products.hasNext()) {
            throw new InvalidItemException("Product " + sku + " is no longer in System2's products table.");
        }
        return delta.decide(products.next());
    }

    /**
     * Records what ChannelAdvisor accepted of the product in {@code sync_state}, then throws for what it did not:
     * invalid input or a refused part (dead-lettered), or parts still open after the group's rounds (ChannelAdvisor
     * unreachable: left for a later cycle; failing for now: dead-lettered).
     */
    public void settle(ProductChange change) {
        if (!change.isValid()) {
            throw new InvalidItemException(change.problem());
        }
        if (change.caProductId() != null) {
            ProductValues accepted = change.acceptedValues();
            syncStates.recordAccepted(change.sku(), change.caProductId(), accepted.hash(), accepted.toJson(),
                    change.parts().isEmpty());
        }
        if (change.rejection() != null) {
            throw change.rejection();
        }
        if (!change.parts().isEmpty()) {
            throw change.openFailure();
        }
    }
}
