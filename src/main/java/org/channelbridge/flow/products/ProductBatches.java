package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.AdaptiveBatchSize;
import org.channelbridge.channeladvisor.BatchPart;
import org.channelbridge.channeladvisor.BatchPartResult;
import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.channelbridge.channeladvisor.ChannelAdvisorException;
import org.channelbridge.channeladvisor.ChannelAdvisorThrottledException;
import org.channelbridge.channeladvisor.ChannelAdvisorUnavailableException;
import org.channelbridge.system2.SyncStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The Java steps of a group's round of sending, called by {@code routes/products.camel.yaml} as the bean
 * {@code productBatches}; the route calls ChannelAdvisor ({@code channeladvisor:products/find},
 * {@code channeladvisor:products/batch}) and redelivers a round that left parts open. A create that may already have
 * happened (its answer lost, or refused, perhaps because the Sku exists) is looked up by Sku before anything else, so
 * no product is created twice; what a part will change is written to {@code sync_state} before it goes out (CREATING,
 * SENDING), so that a crash before its answer is recorded cannot leave ChannelAdvisor holding values the bridge does
 * not know of. After {@code products.batch-rounds} rounds, each product's open parts go in a batch of their own, so
 * that a part that keeps failing holds back no other.
 */
public final class ProductBatches {

    private static final Logger LOG = LoggerFactory.getLogger(ProductBatches.class);

    private final SyncStateStore syncStates;
    private final ProductParts parts;
    private final AdaptiveBatchSize batchSize;
    private final SendingState sending;
    private final int batchRounds;

    public ProductBatches(SyncStateStore syncStates, ProductParts parts, AdaptiveBatchSize batchSize,
                          SendingState sending, int batchRounds) {
        this.syncStates = syncStates;
        this.parts = parts;
        this.batchSize = batchSize;
        this.sending = sending;
        this.batchRounds = batchRounds;
    }

    /**
     * A round begins: every open part may go once more.
     *
     * @throws ChannelAdvisorAuthenticationException when sending stopped in this cycle (credentials refused)
     */
    public void newRound(ProductGroup group) {
        sending.check();
        group.newRound();
    }

    /** ChannelAdvisor's answer to a lookup: the product's ID, or null when no product has the Sku. */
    public void found(ProductChange change, Long id) {
        if (id != null) {
            change.adopt(id);
        } else {
            change.lookedUpAndAbsent();
        }
    }

    /** A lookup that failed: the create stays unsent until a lookup succeeds (sent blind, it could duplicate). */
    public void lookupFailed(ProductChange change, ChannelAdvisorException failure) {
        change.failedForNow(failure, true);
    }

    /**
     * The parts this round has not sent yet, as {@code $batch} requests of the current batch size (one product's
     * parts a batch after {@code products.batch-rounds} rounds); what they will change is first recorded in
     * {@code sync_state}.
     */
    public List<PartBatch> batches(ProductGroup group) {
        List<PartBatch.Queued> queue = new ArrayList<>();
        List<List<PartBatch.Queued>> alone = new ArrayList<>();
        boolean eachAlone = group.round() > batchRounds + 1;
        for (ProductChange change : group.changes()) {
            if (!ProductGroup.sendable(change)) {
                continue;
            }
            List<PartBatch.Queued> own = group.takeUnsent(change).stream()
                    .map(part -> new PartBatch.Queued(change, part)).toList();
            if (eachAlone && !own.isEmpty()) {
                alone.add(own);
            }
            queue.addAll(own);
        }
        syncStates.markCreating(queue.stream().filter(q -> q.part() == ProductChange.Part.CREATE)
                .map(q -> q.change().sku()).toList());
        syncStates.markSending(queue.stream().filter(q -> q.part() != ProductChange.Part.CREATE)
                .map(q -> q.change().sku()).distinct().toList());
        List<PartBatch> batches = new ArrayList<>();
        if (eachAlone) {
            alone.forEach(own -> batches.add(batchOf(own)));
            return batches;
        }
        int size = batchSize.current();
        for (int from = 0; from < queue.size(); from += size) {
            batches.add(batchOf(queue.subList(from, Math.min(queue.size(), from + size))));
        }
        return batches;
    }

    private PartBatch batchOf(List<PartBatch.Queued> queued) {
        List<BatchPart> requests = new ArrayList<>(queued.size());
        for (int i = 0; i < queued.size(); i++) {
            requests.add(parts.of(String.valueOf(i + 1), queued.get(i).change(), queued.get(i).part()));
        }
        return new PartBatch(List.copyOf(queued), requests);
    }

    /** ChannelAdvisor's answers, one per part in order: each goes to its change; the batch size adapts. */
    public void answered(PartBatch batch, List<BatchPartResult> results) {
        boolean throttled = false;
        for (int i = 0; i < batch.size(); i++) {
            throttled |= read(batch.queued().get(i), results.get(i));
        }
        if (throttled) {
            batchSize.throttled();
        } else {
            batchSize.succeeded();
        }
    }

    /**
     * The whole batch failed: throttled (its parts go next round, in smaller batches), refused (each of its products
     * is refused with ChannelAdvisor's message) or failed for now (a create in it may have happened: looked up first).
     */
    public void failed(PartBatch batch, ChannelAdvisorException failure) {
        if (failure instanceof ChannelAdvisorThrottledException) {
            int size = batchSize.throttled();
            LOG.warn("products: ChannelAdvisor throttled a batch of {} parts; next batches carry {}", batch.size(),
                    size);
            batch.queued().forEach(q -> q.change().failedForNow(failure, false));
        } else if (!failure.isTransient()) {
            batch.queued().forEach(q -> q.change().rejected(failure));
        } else {
            batch.queued().forEach(q -> q.change().failedForNow(failure, q.part() == ProductChange.Part.CREATE));
        }
    }

    /** @throws PartsLeftOpenException when a product of the group still has parts ChannelAdvisor did not take */
    public void requireAnswered(ProductGroup group) {
        List<ProductChange> open = group.changes().stream().filter(ProductChange::isOpen).toList();
        if (!open.isEmpty()) {
            throw new PartsLeftOpenException(open.size(), open.get(0).openFailure());
        }
    }

    /**
     * ChannelAdvisor refused the credentials ({@code failure} or its cause): sending stops for the cycle; the group's
     * open products wait for the next one.
     */
    /** {@link #stop} when ChannelAdvisor refused the credentials (the failure or one of its causes). */
    public void stopIfRefused(ProductGroup group, Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChannelAdvisorAuthenticationException) {
                stop(group, failure);
                return;
            }
        }
    }

    public void stop(ProductGroup group, Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChannelAdvisorAuthenticationException refusal) {
                sending.stop(refusal);
                break;
            }
        }
        group.changes().stream().filter(ProductChange::isOpen).forEach(ProductChange::markNotSent);
    }

    /** Applies one part's answer to its change; true when it was throttled. */
    private static boolean read(PartBatch.Queued queued, BatchPartResult result) {
        ProductChange change = queued.change();
        boolean create = queued.part() == ProductChange.Part.CREATE;
        switch (result.outcome()) {
            case OK -> {
                Long id = null;
                if (create) {
                    JsonNode created = result.body().path("ID");
                    if (!created.canConvertToLong()) {
                        change.failedForNow(new ChannelAdvisorUnavailableException("ChannelAdvisor accepted the create"
                                + " of Sku " + change.sku() + " but returned no ID.", result.status(), "", null), true);
                        return false;
                    }
                    id = created.asLong();
                }
                change.accepted(queued.part(), id);
            }
            case REJECTED -> {
                // a refused create is looked up once more even after an earlier lookup found nothing: a create of
                // ours still on its way when we looked (sent before a crash, say) may have landed since
                if (create && !change.createRefusedBefore()) {
                    change.createRejected(result.failure());
                } else {
                    change.rejected(result.failure());
                }
            }
            case THROTTLED -> {
                change.failedForNow(result.failure(), false);
                return true;
            }
            case TRANSIENT -> change.failedForNow(result.failure(), create);
        }
        return false;
    }
}
