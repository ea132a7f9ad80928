package org.channelbridge.flow.products;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.channelbridge.channeladvisor.AdaptiveBatchSize;
import org.channelbridge.progress.FlowStats;

/**
 * How the products flow's {@code aggregate} gathers changed products into {@link ProductGroup}s: a group closes
 * before the product whose parts would no longer fit one {@code $batch} of the batch size the group began with
 * ({@code channeladvisor.batch-size}, packed to the per-minute budget, smaller after a 429), or once it holds that
 * many products. A product with parts of its own always begins a group, however many parts it has.
 */
public final class ProductGroups implements AggregationStrategy {

    private final AdaptiveBatchSize batchSize;
    private final FlowStats stats;

    public ProductGroups(AdaptiveBatchSize batchSize, FlowStats stats) {
        this.batchSize = batchSize;
        this.stats = stats;
    }

    @Override
    public boolean canPreComplete() {
        return true;
    }

    @Override
    public boolean preComplete(Exchange group, Exchange product) {
        return group != null && !group.getMessage().getBody(ProductGroup.class)
                .fits(product.getMessage().getBody(ProductChange.class));
    }

    @Override
    public Exchange aggregate(Exchange group, Exchange product) {
        ProductChange change = product.getMessage().getBody(ProductChange.class);
        if (group == null) {
            ProductGroup first = new ProductGroup(batchSize.current());
            first.add(change);
            product.getMessage().setBody(first);
            return product;
        }
        group.getMessage().getBody(ProductGroup.class).add(change);
        return group;
    }

    @Override
    public void onCompletion(Exchange group) {
        stats.tally(ProductSync.FLOW, FlowStats.BATCHES, 1);
    }
}
