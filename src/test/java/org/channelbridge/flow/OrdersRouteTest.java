package org.channelbridge.flow;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/orders.camel.yaml on its own: orders-item from the item template and its send route. */
class OrdersRouteTest extends ItemRouteTestSupport {

    @Override
    String routeFile() {
        return "orders.camel.yaml";
    }

    @Test
    void readyOrdersAreSavedOnceEachWithTheirItemsAndASecondCycleSendsNothingAgain() throws Exception {
        insertProducts("R-1", "R-2");
        List<Long> orders = sandbox.seedOrders("{\"count\": 4, \"readyOnly\": true, \"skus\": [\"R-1\", \"R-2\"]}");
        advise("orders-item", route -> route.mockEndpoints("direct:orders-send"));
        start();
        MockEndpoint send = getMockEndpoint("mock:direct:orders-send");
        send.expectedMessageCount(orders.size());

        runCycle("orders");
        runCycle("orders");

        send.assertIsSatisfied();
        assertThat(column("select ca_order_id from orders").stream().map(Long::valueOf).toList())
                .containsExactlyInAnyOrderElementsOf(orders);
        assertThat(column("select count(*) from order_items i join orders o on o.id = i.order_id"
                + " where o.ca_order_id = " + orders.get(0)))
                .containsExactly(String.valueOf(order(orders.get(0)).path("Items").size()));
    }

    @Test
    void anOrderCutAtTwentyItemsIsReadAgainWholeBeforeItIsSaved() throws Exception {
        insertProducts("M-1", "M-2", "M-3");
        long order = sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"withManyItems\": 1,"
                + " \"skus\": [\"M-1\", \"M-2\", \"M-3\"]}").get(0);
        advise("orders-send", route -> route.mockEndpoints("channeladvisor:orders/get*"));
        start();
        MockEndpoint get = getMockEndpoint("mock:channeladvisor:orders/get");
        get.expectedHeaderReceived("CamelChannelAdvisorOrderId", String.valueOf(order));

        runCycle("orders");

        get.assertIsSatisfied();
        int items = order(order).path("Items").size();
        assertThat(items).isGreaterThan(20);
        assertThat(column("select count(*) from order_items")).containsExactly(String.valueOf(items));
    }

    @Test
    void anOrderNamingASkuSystem2DoesNotHoldIsOneDeadLetterAndIsNotSaved() throws Exception {
        insertProducts("K-1");
        sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"K-1\"]}");
        long late = sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"LATE-1\"]}").get(0);
        start();

        runCycle("orders");

        assertThat(column("select count(*) from orders")).containsExactly("1");
        assertThat(column("select business_key || ': ' || message from dead_letters where flow = 'orders'"))
                .singleElement().asString().startsWith(late + ": ").contains("LATE-1")
                .contains("System2's products table does not hold");
    }

    @Test
    void aBeforeSendRouteThatSetsBridgeSkipLeavesTheOrderForALaterCycle() throws Exception {
        insertProducts("H-1");
        long held = sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"H-1\"]}").get(0);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:orders-before-send").routeId("test-hold-order")
                        .filter(simple("${body.path('ID').asLong()} == " + held)).setProperty("bridgeSkip", constant(true));
            }
        });
        advise("orders-item", route -> route.mockEndpoints("direct:orders-send"));
        start();

        runCycle("orders");

        assertThat(getMockEndpoint("mock:direct:orders-send").getReceivedCounter()).isZero();
        assertThat(column("select count(*) from orders")).containsExactly("0");
        assertThat(stats.of("orders").skipped()).as("counted as skipped").isEqualTo(1);
    }

    private void insertProducts(String... skus) throws Exception {
        for (String sku : skus) {
            sql("insert into products (sku, title, retail_price, quantity, updated_at) values (?, ?, 10, 5,"
                    + " current_timestamp)", sku, "Product " + sku);
        }
    }
}
