package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.channelbridge.channeladvisor.ChannelAdvisorUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/shipments.camel.yaml on its own: the shipments-item route from the item template and its send route. */
class ShipmentsRouteTest extends ItemRouteTestSupport {

    @Override
    String routeFile() {
        return "shipments.camel.yaml";
    }

    @Test
    void aShipmentOfAnAcknowledgedOrderIsShippedOnceWithItsSellerFulfillmentIdAndMarkedSent() throws Exception {
        long order = seedReadyOrders(1).get(0);
        saveInSystem2(order, true);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, shipped_at) values"
                + " ('S-1', ?, 'ups', 'ground', '1Z1', current_timestamp)", order);
        advise("shipments-send", route -> route.mockEndpoints("channeladvisor:orders/ship*"));
        context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                from("direct:shipments-after-record").routeId("test-after-record").to("mock:recorded");
            }
        });
        start();
        MockEndpoint ship = getMockEndpoint("mock:channeladvisor:orders/ship");
        ship.expectedMessageCount(1);
        NotifyBuilder recorded = new NotifyBuilder(context).wereSentTo("mock:recorded").whenDone(1).create();

        runCycle("shipments");

        ship.assertIsSatisfied();
        assertThat(recorded.matches(10, TimeUnit.SECONDS)).as("the after-record hook got a copy").isTrue();
        assertThat(getMockEndpoint("mock:recorded").getExchanges().get(0).getMessage().getBody(java.util.Map.class))
                .as("the copy is the System2 row").containsEntry("id", "S-1");
        JsonNode request = ship.getExchanges().get(0).getMessage().getBody(JsonNode.class);
        assertThat(request.path("SellerFulfillmentID").asText()).isEqualTo("S-1");
        assertThat(request.path("ShippingCarrier").asText()).as("the carrier as the account spells it").isEqualTo("UPS");
        assertThat(column("select status from shipments")).containsExactly("SENT");
        assertThat(fulfillmentsOf(order, "S-1")).hasSize(1);

        runCycle("shipments");
        ship.assertIsSatisfied();
        assertThat(fulfillmentsOf(order, "S-1")).as("a second cycle sends nothing").hasSize(1);
    }

    @Test
    void aShipThatFailedAfterChannelAdvisorTookItIsFoundOnTheRedeliveryAndNotSentAgain() throws Exception {
        long order = seedReadyOrders(1).get(0);
        saveInSystem2(order, true);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, shipped_at) values"
                + " ('S-lost', ?, 'UPS', 'Ground', '1Z2', current_timestamp)", order);
        AtomicInteger calls = new AtomicInteger();
        advise("shipments-send", route -> route.weaveByToUri("channeladvisor:orders/ship*").after()
                .process(exchange -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new ChannelAdvisorUnavailableException("the answer to the Ship was lost", 0, "", null);
                    }
                }));
        start();

        runCycle("shipments");

        assertThat(calls.get()).as("the redelivery found the fulfillment before a second Ship").isEqualTo(1);
        assertThat(fulfillmentsOf(order, "S-lost")).hasSize(1);
        assertThat(column("select status from shipments")).containsExactly("SENT");
        assertThat(deadLetters("shipments")).isZero();
    }

    @Test
    void aShipmentWaitsWhileItsOrderIsNotAcknowledgedAndGoesOnceItIs() throws Exception {
        long order = seedReadyOrders(1).get(0);
        saveInSystem2(order, false);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number) values"
                + " ('S-wait', ?, 'UPS', 'Ground', '1Z3')", order);
        advise("shipments-item", route -> route.mockEndpoints("direct:shipments-send"));
        start();
        MockEndpoint send = getMockEndpoint("mock:direct:shipments-send");

        runCycle("shipments");
        send.assertIsSatisfied();
        assertThat(send.getReceivedCounter()).isZero();
        assertThat(column("select status from shipments")).containsExactly("NEW");

        sql("update orders set acked_at = current_timestamp");
        runCycle("shipments");
        assertThat(send.getReceivedCounter()).isEqualTo(1);
        assertThat(column("select status from shipments")).containsExactly("SENT");
    }

    @Test
    void aLaterShipmentOfAnOrderWaitsWhileAnEarlierOneCouldNotBeSent() throws Exception {
        long order = seedReadyOrders(1).get(0);
        saveInSystem2(order, true);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, created_at) values"
                + " ('S-early', ?, 'UPS', 'Ground', '1Z5', timestamp '2026-01-01 10:00:00')", order);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, created_at) values"
                + " ('S-late', ?, 'UPS', 'Ground', '1Z6', timestamp '2026-01-01 11:00:00')", order);
        advise("shipments-send", route -> route.weaveByToUri("channeladvisor:orders/ship*").replace()
                .throwException(new ChannelAdvisorUnavailableException("ChannelAdvisor answered 503", 503, "", null)));
        advise("shipments-item", route -> route.mockEndpoints("direct:shipments-send"));
        start();
        MockEndpoint send = getMockEndpoint("mock:direct:shipments-send");

        runCycle("shipments");

        assertThat(send.getExchanges()).as("only the earlier shipment was tried")
                .allSatisfy(e -> assertThat(e.getMessage().getBody(java.util.Map.class)).containsEntry("id", "S-early"));
        assertThat(column("select business_key from dead_letters")).containsExactly("S-early");
        assertThat(column("select id || ' ' || status from shipments order by id"))
                .containsExactly("S-early SENDING", "S-late NEW");
    }

    @Test
    void aCarrierTheAccountDoesNotTakeMarksTheShipmentFailedWithOneDeadLetterAndNoCall() throws Exception {
        long order = seedReadyOrders(1).get(0);
        saveInSystem2(order, true);
        sql("insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number) values"
                + " ('S-pigeon', ?, 'Pigeon', 'Ground', '1Z4')", order);
        advise("shipments-send", route -> route.mockEndpoints("channeladvisor:orders/ship*"));
        start();

        runCycle("shipments");

        assertThat(getMockEndpoint("mock:channeladvisor:orders/ship").getReceivedCounter()).isZero();
        assertThat(column("select status from shipments")).containsExactly("FAILED");
        assertThat(column("select error from shipments").get(0)).contains("'Pigeon'");
        assertThat(column("select business_key from dead_letters where flow = 'shipments'")).containsExactly("S-pigeon");
        assertThat(column("select item from dead_letters").get(0)).as("the dead letter holds the row as it was read")
                .contains("\"id\":\"S-pigeon\"");
    }

    private static List<JsonNode> fulfillmentsOf(long order, String sellerFulfillmentId) {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (JsonNode f : order(order).path("Fulfillments")) {
            if (sellerFulfillmentId.equals(f.path("SellerFulfillmentID").asText())) {
                found.add(f);
            }
        }
        return found;
    }
}
