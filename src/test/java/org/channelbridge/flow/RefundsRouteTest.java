package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.component.mock.MockEndpoint;
import org.channelbridge.channeladvisor.ChannelAdvisorUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/refunds.camel.yaml on its own: refunds-item from the item template, its send route and the follow-up. */
class RefundsRouteTest extends ItemRouteTestSupport {

    @Override
    String routeFile() {
        return "refunds.camel.yaml";
    }

    @Test
    void aCancellationIsSubmittedOnceAndFollowedUntilChannelAdvisorReportsItComplete() throws Exception {
        long order = seedReadyOrders(1).get(0);
        saveInSystem2(order, true);
        sql("insert into adjustments (id, ca_order_id, kind, reason) values ('A-1', ?, 'CANCEL', '105')", order);
        advise("refunds-send", route -> route.mockEndpoints("channeladvisor:orders/adjust*"));
        start();
        MockEndpoint adjust = getMockEndpoint("mock:channeladvisor:orders/adjust");
        adjust.expectedMessageCount(1);

        runCycle("refunds");
        runCycle("refunds");

        adjust.assertIsSatisfied();
        JsonNode request = adjust.getExchanges().get(0).getMessage().getBody(JsonNode.class);
        assertThat(request.path("SellerAdjustmentID").asText()).isEqualTo("A-1");
        assertThat(request.path("Reason").asText()).as("System2's code 105 mapped by refunds.reason.105")
                .isEqualTo("BuyerCancelled");
        assertThat(adjust.getExchanges().get(0).getMessage().getHeader("CamelChannelAdvisorOrderItemId"))
                .as("a whole-order cancellation names no item").isNull();
        assertThat(column("select status || ' ' || ca_request_status from adjustments"))
                .containsExactly("COMPLETE PostProcessingComplete");
        assertThat(adjustmentsOf(order, "A-1")).isNotEmpty();
    }

    @Test
    void anAdjustThatFailedAfterChannelAdvisorTookItIsFoundOnTheRedeliveryAndNotMadeTwice() throws Exception {
        long order = seedReadyOrders(1).get(0);
        saveInSystem2(order, true);
        long item = order(order).path("Items").get(0).path("ID").asLong();
        sql("insert into adjustments (id, ca_order_id, ca_order_item_id, kind, quantity) values"
                + " ('A-lost', ?, ?, 'CANCEL', 1)", order, item);
        AtomicInteger calls = new AtomicInteger();
        advise("refunds-send", route -> route.weaveByToUri("channeladvisor:orders/adjust*").after()
                .process(exchange -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new ChannelAdvisorUnavailableException("the answer to the Adjust was lost", 0, "", null);
                    }
                }));
        start();

        runCycle("refunds");

        assertThat(calls.get()).as("the redelivery found the adjustment before a second Adjust").isEqualTo(1);
        assertThat(adjustmentsOf(order, "A-lost")).hasSize(1);
        assertThat(column("select status from adjustments")).containsAnyOf("SUBMITTED", "COMPLETE");
        assertThat(deadLetters("refunds")).isZero();
    }

    @Test
    void aRefundWaitsWhileAShipmentOfItsOrderIsUnsent() throws Exception {
        long order = seedReadyOrders(1).get(0);
        saveInSystem2(order, true);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number) values"
                + " ('S-first', ?, 'UPS', 'Ground', '1Z9')", order);
        sql("insert into adjustments (id, ca_order_id, kind, reason) values ('A-after', ?, 'REFUND', 'CustomerReturnedItem')",
                order);
        advise("refunds-item", route -> route.mockEndpoints("direct:refunds-send"));
        start();

        runCycle("refunds");

        assertThat(getMockEndpoint("mock:direct:refunds-send").getReceivedCounter()).isZero();
        assertThat(column("select status from adjustments")).containsExactly("NEW");
        assertThat(deadLetters("refunds")).isZero();
    }

    @Test
    void anAdjustmentForAnOrderChannelAdvisorDoesNotKnowIsOneDeadLetterAndMarkedFailed() throws Exception {
        sql("insert into adjustments (id, ca_order_id, kind) values ('A-nowhere', 999999999, 'CANCEL')");
        advise("refunds-item", route -> route.mockEndpoints("direct:refunds-send"));
        start();

        runCycle("refunds");

        assertThat(getMockEndpoint("mock:direct:refunds-send").getReceivedCounter()).isZero();
        assertThat(column("select status from adjustments")).containsExactly("FAILED");
        assertThat(column("select error from adjustments").get(0)).contains("999999999").contains("does not know");
        assertThat(column("select business_key from dead_letters where flow = 'refunds'")).containsExactly("A-nowhere");
    }

    private static List<JsonNode> adjustmentsOf(long order, String sellerAdjustmentId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode a : order(order).path("Adjustments")) {
            if (sellerAdjustmentId.equals(a.path("SellerAdjustmentID").asText())) {
                found.add(a);
            }
        }
        return found;
    }
}
