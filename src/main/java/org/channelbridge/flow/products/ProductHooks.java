package org.channelbridge.flow.products;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.channelbridge.ops.deadletter.DeadLetterStore;
import org.channelbridge.progress.FlowStats;

import java.util.ArrayList;
import java.util.List;

/**
 * The products flow's extension point before sending, called by {@code routes/products.camel.yaml} as the bean
 * {@code productHooks}: products go out in groups, so each changed product of a group is passed on its own, as
 * System2's values, to {@code direct:products-before-send}; an integrator's route there keeps a product back by
 * setting the exchange property {@code bridgeSkip} to true. With no such route every product goes on.
 */
public final class ProductHooks {

    /** The exchange property a hook sets to true to keep an item back. */
    public static final String SKIP = "bridgeSkip";
    private static final String BEFORE_SEND = "direct:products-before-send?failIfNoConsumers=false&block=false";

    private final ProducerTemplate template;
    private final FlowStats stats;
    private final DeadLetterStore deadLetters;

    public ProductHooks(CamelContext context, FlowStats stats, DeadLetterStore deadLetters) {
        this.template = context.createProducerTemplate();
        this.stats = stats;
        this.deadLetters = deadLetters;
    }

    /**
     * The products of the group that no hook kept back (counted as skipped) and that no open dead letter holds back
     * (a product ChannelAdvisor refused goes again only after a replay or a change in System2).
     */
    public List<ProductChange> beforeSend(List<ProductChange> group) {
        List<ProductChange> kept = new ArrayList<>(group.size());
        for (ProductChange change : group) {
            if (change.isValid() && deadLetters.holdsBack(ProductSync.FLOW, ProductSync.businessKeyOf(change),
                    change.item())) {
                continue;
            }
            Exchange answer = template.send(BEFORE_SEND, exchange -> {
                exchange.setProperty("bridgeFlow", ProductSync.FLOW);
                exchange.setProperty("bridgeBusinessKey", ProductSync.businessKeyOf(change));
                exchange.getIn().setBody(change.item());
            });
            if (answer.getException() != null) {
                throw new IllegalStateException("The route at direct:products-before-send failed for Sku "
                        + ProductSync.businessKeyOf(change) + ": " + answer.getException().getMessage(),
                        answer.getException());
            }
            if (answer.getProperty(SKIP, false, Boolean.class)) {
                stats.skipped(ProductSync.FLOW, 1);
            } else {
                kept.add(change);
            }
        }
        return kept;
    }
}
