package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.AdaptiveBatchSize;
import org.channelbridge.channeladvisor.BatchPart;
import org.channelbridge.channeladvisor.BatchPartResult;
import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorException;
import org.channelbridge.channeladvisor.ChannelAdvisorThrottledException;
import org.channelbridge.channeladvisor.ChannelAdvisorUnavailableException;
import org.channelbridge.system2.SyncStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends the parts of a group of product changes in {@code $batch} requests and reads each part's answer. A throttled
 * batch or part is sent again in a smaller batch once the shared budget's pause is over; a part that failed for now
 * is sent again with back-off, a few rounds; a create whose answer was lost (or refused, perhaps because the Sku
 * exists) is first looked up by Sku, so that no product is created twice; an update is marked SENDING in
 * {@code sync_state} before it goes out, so that a crash before its answer is recorded cannot leave ChannelAdvisor
 * holding values the bridge does not know of. What is still open after the rounds is
 * left on the change for the route's redelivery. A refused refresh token stops all sending: see {@link SendingState}.
 */
public final class ProductBatchSender {

    private static final Logger LOG = LoggerFactory.getLogger(ProductBatchSender.class);

    private final ChannelAdvisorClient client;
    private final SyncStateStore syncStates;
    private final ProductParts parts;
    private final AdaptiveBatchSize batchSize;
    private final SendingState sending;
    private final int rounds;
    private final Duration backOff;

    public ProductBatchSender(ChannelAdvisorClient client, SyncStateStore syncStates, ProductParts parts,
                              AdaptiveBatchSize batchSize, SendingState sending, int rounds, Duration backOff) {
        this.client = client;
        this.syncStates = syncStates;
        this.parts = parts;
        this.batchSize = batchSize;
        this.sending = sending;
        this.rounds = rounds;
        this.backOff = backOff;
    }

    private record Queued(ProductChange change, ProductChange.Part part) {
    }

    /** Sends every valid change's parts; afterwards each change says what was accepted, refused or left open. */
    public void send(List<ProductChange> changes) {
        List<ProductChange> open = new ArrayList<>();
        for (ProductChange change : changes) {
            if (change.isValid()) {
                open.add(change);
            }
        }
        try {
            for (int round = 0; round <= rounds && !open.isEmpty(); round++) {
                if (round > 0) {
                    pause(round);
                }
                sending.check();
                lookUp(open);
                List<Queued> queue = new ArrayList<>();
                open.stream().filter(change -> !change.needsLookup())
                        .forEach(change -> change.pendingParts().forEach(part -> queue.add(new Queued(change, part))));
                sendQueue(queue);
                // the quantity and attributes of products created just now go at once, not after a round's back-off
                sendQueue(followUps(queue));
                open.removeIf(change -> change.parts().isEmpty() || change.rejection() != null);
            }
        } catch (ChannelAdvisorAuthenticationException e) {
            sending.stop(e);
            changes.stream().filter(c -> c.isValid() && !c.parts().isEmpty() && c.rejection() == null)
                    .forEach(ProductChange::notSent);
        }
    }

    private void sendQueue(List<Queued> queue) {
        syncStates.markCreating(queue.stream().filter(q -> q.part() == ProductChange.Part.CREATE)
                .map(q -> q.change().sku()).toList());
        syncStates.markSending(queue.stream().filter(q -> q.part() != ProductChange.Part.CREATE)
                .map(q -> q.change().sku()).distinct().toList());
        int from = 0;
        while (from < queue.size()) {
            int size = Math.min(batchSize.current(), queue.size() - from);
            sendBatch(queue.subList(from, from + size));
            from += size;
        }
    }

    /** The parts a create accepted in {@code sent} opened: its quantity and attributes. */
    private static List<Queued> followUps(List<Queued> sent) {
        List<Queued> next = new ArrayList<>();
        for (Queued q : sent) {
            ProductChange change = q.change();
            if (q.part() == ProductChange.Part.CREATE && change.caProductId() != null && change.rejection() == null
                    && !change.parts().contains(ProductChange.Part.CREATE)) {
                change.pendingParts().forEach(part -> next.add(new Queued(change, part)));
            }
        }
        return next;
    }

    /** Sends the remaining parts of one change alone (the route's redelivery of a part that kept failing). */
    public void sendAlone(ProductChange change) {
        sending.check();
        lookUp(List.of(change));
        if (change.rejection() != null) {
            return;
        }
        if (change.needsLookup()) {
            throw change.openFailure();
        }
        if (change.parts().stream().anyMatch(part -> part != ProductChange.Part.CREATE)) {
            syncStates.markSending(List.of(change.sku()));
        }
        // a loop over what is open now: an accepted create opens the quantity and attribute parts
        while (!change.parts().isEmpty()) {
            ProductChange.Part part = change.pendingParts().get(0);
            if (part == ProductChange.Part.CREATE) {
                syncStates.markCreating(List.of(change.sku()));
            }
            List<BatchPartResult> results = client.batch(List.of(parts.of("1", change, part)));
            read(new Queued(change, part), results.get(0));
            if (change.rejection() != null) {
                return;
            }
            if (!change.parts().isEmpty() && change.parts().contains(part)) {
                throw change.openFailure();
            }
        }
    }

    private void sendBatch(List<Queued> batch) {
        List<BatchPart> requests = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            requests.add(parts.of(String.valueOf(i + 1), batch.get(i).change(), batch.get(i).part()));
        }
        List<BatchPartResult> results;
        try {
            results = client.batch(requests);
        } catch (ChannelAdvisorThrottledException e) {
            int size = batchSize.throttled();
            LOG.warn("products: ChannelAdvisor throttled a batch of {} parts; next batches carry {}", batch.size(), size);
            batch.forEach(q -> q.change().failedForNow(e, false));
            return;
        } catch (ChannelAdvisorAuthenticationException e) {
            throw e;
        } catch (ChannelAdvisorException e) {
            if (!e.isTransient()) {
                batch.forEach(q -> q.change().rejected(e));
                return;
            }
            batch.forEach(q -> q.change().failedForNow(e, q.part() == ProductChange.Part.CREATE));
            return;
        }
        boolean throttled = false;
        for (int i = 0; i < batch.size(); i++) {
            throttled |= read(batch.get(i), results.get(i));
        }
        if (throttled) {
            batchSize.throttled();
        } else {
            batchSize.succeeded();
        }
    }

    /** Applies one part's answer to its change; true when it was throttled. */
    private boolean read(Queued queued, BatchPartResult result) {
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

    /** Changes whose create may already have happened are looked up by Sku before anything else goes out. */
    private void lookUp(List<ProductChange> changes) {
        for (ProductChange change : changes) {
            if (change.needsLookup() && change.rejection() == null) {
                try {
                    Optional<Long> id = client.findProductBySku(change.sku());
                    if (id.isPresent()) {
                        change.adopt(id.get());
                    } else {
                        change.lookedUpAndAbsent();
                    }
                } catch (ChannelAdvisorAuthenticationException e) {
                    throw e;
                } catch (ChannelAdvisorException e) {
                    // the create stays unsent until the lookup succeeds: sending it blind could duplicate the product
                    change.failedForNow(e, true);
                }
            }
        }
    }

    private void pause(int round) {
        try {
            Thread.sleep(backOff.toMillis() << Math.min(round - 1, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
