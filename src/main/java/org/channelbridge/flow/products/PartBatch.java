package org.channelbridge.flow.products;

import org.channelbridge.channeladvisor.BatchPart;

import java.util.List;

/**
 * One {@code $batch} request of a group's round: the parts it carries ({@link #requests()}, the body for
 * {@code channeladvisor:products/batch}) and the product change and part each answer belongs to, in the same order.
 */
public record PartBatch(List<Queued> queued, List<BatchPart> requests) {

    /** A part of a change, queued for this batch. */
    public record Queued(ProductChange change, ProductChange.Part part) {
    }

    public int size() {
        return queued.size();
    }
}
