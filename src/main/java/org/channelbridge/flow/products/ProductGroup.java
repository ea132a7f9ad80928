package org.channelbridge.flow.products;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changed products sent together: their parts fill about one {@code $batch}. The body of a group's exchange from the
 * aggregation ({@link ProductGroups}) through the rounds of sending ({@link ProductBatches}) to the split into single
 * products. A round sends each open part once; the parts sent in the current round are remembered so that the
 * quantity and attributes a create opened go at once, while a part that failed waits for the next round.
 */
public final class ProductGroup {

    private final List<ProductChange> changes = new ArrayList<>();
    private final int limit;
    private int parts;
    private int round;
    private final Map<ProductChange, Set<ProductChange.Part>> sentThisRound = new IdentityHashMap<>();

    /** A group whose parts may fill {@code limit} (the batch size when the group began). */
    ProductGroup(int limit) {
        this.limit = limit;
    }

    /** A group of one product (a replay). */
    public static ProductGroup of(ProductChange change) {
        ProductGroup group = new ProductGroup(Math.max(1, change.partCount()));
        group.add(change);
        return group;
    }

    /** Whether {@code change} still fits: a first product always does; then while parts and products stay in limit. */
    boolean fits(ProductChange change) {
        return changes.isEmpty() || (parts + change.partCount() <= limit && changes.size() < limit);
    }

    void add(ProductChange change) {
        changes.add(change);
        parts += change.partCount();
    }

    public List<ProductChange> changes() {
        return Collections.unmodifiableList(changes);
    }

    public int size() {
        return changes.size();
    }

    /** How many rounds of sending this group began (1 for the first). */
    int round() {
        return round;
    }

    void newRound() {
        round++;
        sentThisRound.clear();
    }

    /** The changes whose create may have happened already: each is looked up by Sku before anything goes out. */
    public List<ProductChange> lookups() {
        return changes.stream().filter(c -> c.isOpen() && c.needsLookup()).toList();
    }

    /** Whether a part is open that this round has not sent yet (one a create accepted just now opened, say). */
    public boolean hasPartsToSend() {
        for (ProductChange change : changes) {
            if (sendable(change) && !unsent(change).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The open parts of {@code change} this round has not sent, marking them sent. */
    List<ProductChange.Part> takeUnsent(ProductChange change) {
        List<ProductChange.Part> unsent = unsent(change);
        sentThisRound.computeIfAbsent(change, c -> java.util.EnumSet.noneOf(ProductChange.Part.class)).addAll(unsent);
        return unsent;
    }

    private List<ProductChange.Part> unsent(ProductChange change) {
        Set<ProductChange.Part> sent = sentThisRound.get(change);
        List<ProductChange.Part> unsent = change.pendingParts();
        if (sent != null) {
            unsent.removeAll(sent);
        }
        return unsent;
    }

    /** A change whose parts may go out now: valid, neither refused nor held, and not waiting for a lookup. */
    static boolean sendable(ProductChange change) {
        return change.isOpen() && !change.needsLookup();
    }

    @Override
    public String toString() {
        return "ProductGroup[" + changes.size() + " products, " + parts + " parts]";
    }
}
