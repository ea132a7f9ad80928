package org.channelbridge.channeladvisor.component;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;

import java.util.Iterator;

/**
 * {@code from: channeladvisor:orders}: each poll walks the orders not yet exported that match the endpoint's filter,
 * page by page as the route takes them, and emits one exchange per order (body the order JSON, header
 * {@link ChannelAdvisorConstants#ORDER_ID}). A page that cannot be read ends the poll with the client's exception,
 * for the consumer's exception handler (or, with {@code bridgeErrorHandler=true}, the route's error handler).
 */
public class ChannelAdvisorOrdersConsumer extends ScheduledPollConsumer {

    private final ChannelAdvisorEndpoint endpoint;

    public ChannelAdvisorOrdersConsumer(ChannelAdvisorEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected int poll() throws Exception {
        Iterator<JsonNode> orders = endpoint.client().orders(endpoint.ordersFilter(), endpoint.ordersExpand());
        int max = endpoint.getMaxMessagesPerPoll();
        int emitted = 0;
        while ((max <= 0 || emitted < max) && isPollAllowed() && orders.hasNext()) {
            JsonNode order = orders.next();
            Exchange exchange = createExchange(false);
            try {
                exchange.getMessage().setBody(order);
                exchange.getMessage().setHeader(ChannelAdvisorConstants.ORDER_ID, order.path("ID").asLong());
                exchange.setProperty(ExchangePropertyKey.BATCH_INDEX, emitted);
                emitted++;
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("The route failed on ChannelAdvisor order "
                        + order.path("ID").asText(), exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
        return emitted;
    }
}
