package org.channelbridge.flow;

import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/acks.camel.yaml on its own: acks-item from the item template and its send route. */
class AcksRouteTest extends ItemRouteTestSupport {

    @Override
    String routeFile() {
        return "acks.camel.yaml";
    }

    @Test
    void savedOrdersAreExportedOnceEachAndAcknowledgedInSystem2() throws Exception {
        List<Long> orders = seedReadyOrders(3);
        for (long order : orders) {
            saveInSystem2(order, false);
        }
        advise("acks-send", route -> route.mockEndpoints("channeladvisor:orders/export*"));
        start();
        MockEndpoint export = getMockEndpoint("mock:channeladvisor:orders/export");
        export.expectedMessageCount(3);
        export.expectedHeaderValuesReceivedInAnyOrder("CamelChannelAdvisorOrderId",
                orders.stream().map(Object::toString).toList().toArray());

        runCycle("acks");
        runCycle("acks");

        export.assertIsSatisfied();
        assertThat(column("select count(*) from orders where acked_at is null")).containsExactly("0");
        assertThat(sandbox.readyUnexportedOrderIds()).doesNotContainAnyElementsOf(orders);
    }

    @Test
    void anExportChannelAdvisorRefusesIsOneDeadLetterAndIsHeldBackOnTheNextCycle() throws Exception {
        long order = seedReadyOrders(1).get(0);
        saveInSystem2(order, false);
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Export$\",\"next\":100,\"status\":400}");
        advise("acks-send", route -> route.mockEndpoints("channeladvisor:orders/export*"));
        start();

        runCycle("acks");
        // the flow reads the keys of its open dead letters at most every 5 s (DeadLetterStore)
        Thread.sleep(5_500);
        runCycle("acks");

        assertThat(getMockEndpoint("mock:channeladvisor:orders/export").getReceivedCounter())
                .as("the refused export is not sent again while its dead letter is open").isEqualTo(1);
        assertThat(column("select business_key || ' ' || state || ' ' || last_status from dead_letters"))
                .containsExactly(order + " OPEN 400");
        assertThat(column("select count(*) from orders where acked_at is null")).containsExactly("1");
        sandbox.admin("DELETE", "/sandbox/faults", null);
    }
}
