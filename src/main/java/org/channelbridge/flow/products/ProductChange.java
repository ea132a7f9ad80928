package org.channelbridge.flow.products;

import org.channelbridge.channeladvisor.ChannelAdvisorException;
import org.channelbridge.system2.SyncState;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One product that differs from what ChannelAdvisor last accepted (or that cannot be sent as it is): the values to
 * send, the parts still to go out and, once the batch answered, what became of each part. A change belongs to one
 * sender thread at a time.
 */
public final class ProductChange {

    /** The calls a product change is made of; a product costs as many batch parts as it has kinds to send. */
    public enum Part { CREATE, FIELDS, QUANTITY, ATTRIBUTES }

    private final String sku;
    private final String key;
    private final ProductValues target;
    private final String problem;
    private final Map<String, Object> item;
    private ProductValues base;
    private ProductValues accepted;
    private Long caProductId;
    private final EnumSet<Part> parts = EnumSet.noneOf(Part.class);
    private boolean needsLookup;
    private boolean lookedUp;
    private ChannelAdvisorException createRejection;
    private ChannelAdvisorException rejection;
    private ChannelAdvisorException lastFailure;
    private boolean notSent;
    private SyncState state;

    private ProductChange(String sku, String key, ProductValues target, String problem, Map<String, Object> item) {
        this.sku = sku;
        this.key = key;
        this.target = target;
        this.problem = problem;
        this.item = item;
    }

    /** A product System2 holds in a form ChannelAdvisor cannot take; {@code problem} says why, for a person. */
    static ProductChange invalid(String sku, String key, String problem, Map<String, Object> item) {
        return new ProductChange(sku, key, null, problem, item);
    }

    /** A product never created in ChannelAdvisor: a POST of its fields, then its quantity and attributes. */
    static ProductChange create(String sku, String key, ProductValues target, Map<String, Object> item) {
        ProductChange change = new ProductChange(sku, key, target, null, item);
        change.base = ProductValues.NOTHING;
        change.accepted = ProductValues.NOTHING;
        change.parts.add(Part.CREATE);
        return change;
    }

    /** A create that was in flight when the bridge stopped: ChannelAdvisor is asked for the Sku before anything. */
    static ProductChange resolve(String sku, String key, ProductValues target, Map<String, Object> item) {
        ProductChange change = create(sku, key, target, item);
        change.needsLookup = true;
        return change;
    }

    /** A known product: only the parts that differ from what ChannelAdvisor accepted last. */
    static ProductChange update(String sku, String key, long caProductId, ProductValues base, ProductValues target,
                                Map<String, Object> item) {
        ProductChange change = new ProductChange(sku, key, target, null, item);
        change.caProductId = caProductId;
        change.planUpdate(base);
        return change;
    }

    /** The product turned out to exist already with {@code id}: every part is sent to it, nothing is created. */
    void adopt(long id) {
        caProductId = id;
        needsLookup = false;
        lookedUp = true;
        parts.remove(Part.CREATE);
        planUpdate(ProductValues.NOTHING);
    }

    private void planUpdate(ProductValues sentBefore) {
        base = sentBefore;
        boolean fields = target.fieldsDifferFrom(sentBefore) && !target.changedFields(sentBefore).isEmpty();
        boolean quantity = target.quantityDiffersFrom(sentBefore);
        boolean attributes = target.attributesDifferFrom(sentBefore)
                && !target.changedAttributes(sentBefore).isEmpty();
        parts.clear();
        if (fields) {
            parts.add(Part.FIELDS);
        }
        if (quantity) {
            parts.add(Part.QUANTITY);
        }
        if (attributes) {
            parts.add(Part.ATTRIBUTES);
        }
        accepted = sentBefore.merge(!fields, !quantity, !attributes, target);
    }

    /** ChannelAdvisor accepted one part. */
    void accepted(Part part, Long createdId) {
        parts.remove(part);
        switch (part) {
            case CREATE -> {
                caProductId = createdId;
                // the create carries the fields alone: ChannelAdvisor documents quantity as a step after the create
                // (and a create body's navigation properties may be ignored), so quantity and attributes follow it
                accepted = ProductValues.NOTHING.merge(true, false, false, target);
                if (target.quantityDiffersFrom(accepted)) {
                    parts.add(Part.QUANTITY);
                }
                if (target.attributesDifferFrom(accepted)) {
                    parts.add(Part.ATTRIBUTES);
                }
                accepted = accepted.merge(false, !parts.contains(Part.QUANTITY), !parts.contains(Part.ATTRIBUTES),
                        target);
            }
            case FIELDS -> accepted = accepted.merge(true, false, false, target);
            case QUANTITY -> accepted = accepted.merge(false, true, false, target);
            case ATTRIBUTES -> accepted = accepted.merge(false, false, true, target);
        }
    }

    void rejected(ChannelAdvisorException failure) {
        rejection = failure;
        parts.clear();
    }

    void failedForNow(ChannelAdvisorException failure, boolean createMayHaveHappened) {
        lastFailure = failure;
        if (createMayHaveHappened) {
            needsLookup = true;
        }
    }

    void createRejected(ChannelAdvisorException failure) {
        createRejection = failure;
        needsLookup = true;
    }

    /** Whether a create of this change was refused before (a second refusal is final). */
    boolean createRefusedBefore() {
        return createRejection != null;
    }

    void lookedUpAndAbsent() {
        needsLookup = false;
        lookedUp = true;
        if (createRejection != null) {
            rejected(createRejection);
        }
    }

    void markNotSent() {
        notSent = true;
    }

    /** What the bridge recorded of the product when the change was decided (null: never sent). */
    ProductChange from(SyncState recorded) {
        state = recorded;
        return this;
    }

    SyncState state() {
        return state;
    }

    public String sku() {
        return sku;
    }

    /** The business key a dead letter is filed under: the Sku, or "(no Sku)". */
    public String businessKey() {
        return sku == null || sku.isBlank() ? "(no Sku)" : sku;
    }

    /** The idempotency key of this change: the Sku, the sync_state version it starts from and the target hash. */
    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }

    public boolean isValid() {
        return problem == null;
    }

    /** Whether parts of this change still wait to be sent or answered (none after a refusal or when not sent). */
    public boolean isOpen() {
        return problem == null && rejection == null && !notSent && !parts.isEmpty();
    }

    /** What the dead-letter store keeps for this product: System2's values, not the whole batch. */
    public Map<String, Object> item() {
        return item;
    }

    public Set<Part> parts() {
        return parts;
    }

    public int partCount() {
        return problem == null ? Math.max(parts.size(), 1) : 0;
    }

    public List<Part> pendingParts() {
        return new ArrayList<>(parts);
    }

    public Long caProductId() {
        return caProductId;
    }

    public ProductValues target() {
        return target;
    }

    public ProductValues base() {
        return base;
    }

    /** What ChannelAdvisor holds now as far as the bridge knows (every part when all were accepted). */
    public ProductValues acceptedValues() {
        return accepted;
    }

    public boolean needsLookup() {
        return needsLookup;
    }

    public boolean lookedUp() {
        return lookedUp;
    }

    public ChannelAdvisorException rejection() {
        return rejection;
    }

    public ChannelAdvisorException lastFailure() {
        return lastFailure;
    }

    /** Why parts are still open: the last failure, or the refused create whose lookup is still due. */
    public ChannelAdvisorException openFailure() {
        if (lastFailure != null) {
            return lastFailure;
        }
        if (createRejection != null) {
            return createRejection;
        }
        return new org.channelbridge.channeladvisor.ChannelAdvisorUnavailableException("The parts " + parts
                + " of Sku " + sku + " were not answered yet.", 0, "", null);
    }

    public boolean isNotSent() {
        return notSent;
    }

    public boolean isDone() {
        return problem == null && rejection == null && parts.isEmpty() && !notSent;
    }

    @Override
    public String toString() {
        return "ProductChange[" + sku + " " + parts + "]";
    }
}
