package org.channelbridge.channeladvisor.component;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorRejectedException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code from: channeladvisor:orders}: routes are added after the sandbox holds the orders a test needs. */
class ChannelAdvisorOrdersConsumerTest extends SandboxCamelTestSupport {

    @Test
    void eachPollEmitsOneExchangePerReadyOrderAcrossPages() throws Exception {
        seedReadyOrders(12);
        sandbox.seedOrders("{\"count\": 10}");
        List<Long> ready = sandbox.readyUnexportedOrderIds();
        MockEndpoint polled = getMockEndpoint("mock:polled");
        polled.expectedMessageCount(ready.size());
        polled.setAssertPeriod(300);

        route("channeladvisor:orders?filter=ready&initialDelay=0&repeatCount=1");

        polled.assertIsSatisfied();
        assertThat(polled.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(JsonNode.class).path("ID")
                .asLong()).containsExactlyInAnyOrderElementsOf(ready);
        assertThat(polled.getReceivedExchanges()).allSatisfy(e -> assertThat(
                e.getMessage().getHeader(ChannelAdvisorConstants.ORDER_ID))
                .isEqualTo(e.getMessage().getBody(JsonNode.class).path("ID").asLong()));
    }

    @Test
    void maxMessagesPerPollStopsTheWalkThatMany() throws Exception {
        seedReadyOrders(3 * PAGE_SIZE);
        MockEndpoint polled = getMockEndpoint("mock:polled");
        polled.expectedMessageCount(PAGE_SIZE + 2);
        polled.setAssertPeriod(300);

        route("channeladvisor:orders?filter=ready&maxMessagesPerPoll=" + (PAGE_SIZE + 2)
                + "&initialDelay=0&repeatCount=1");

        polled.assertIsSatisfied();
    }

    @Test
    void aQuartzCronSchedulesThePolls() throws Exception {
        seedReadyOrders(2);
        MockEndpoint polled = getMockEndpoint("mock:polled");
        polled.expectedMinimumMessageCount(2);

        route("channeladvisor:orders?filter=ready&scheduler=quartz&scheduler.cron=0/1+*+*+*+*+?");

        polled.assertIsSatisfied();
    }

    @Test
    void aRefusedOrderListReachesTheRoutesErrorHandlerWithBridgeErrorHandler() throws Exception {
        seedReadyOrders(2);
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Orders$\",\"method\":\"GET\",\"next\":1,\"status\":400}");
        MockEndpoint refused = getMockEndpoint("mock:refused");
        refused.expectedMessageCount(1);
        MockEndpoint polled = getMockEndpoint("mock:polled");
        polled.expectedMessageCount(0);
        polled.setAssertPeriod(300);

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(ChannelAdvisorRejectedException.class).handled(true).to("mock:refused");
                from("channeladvisor:orders?filter=ready&bridgeErrorHandler=true&initialDelay=0&repeatCount=1")
                        .to("mock:polled");
            }
        });

        refused.assertIsSatisfied();
        polled.assertIsSatisfied();
        assertThat(refused.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT))
                .isInstanceOf(ChannelAdvisorRejectedException.class);
    }

    @Test
    void anEndpointNamesItsOwnClientWhenTheRegistryHoldsSeveral() throws Exception {
        long id = seedReadyOrders(1).get(0);
        try (ChannelAdvisorClient second = newClient()) {
            context.getRegistry().bind("profileB", second);
            MockEndpoint polled = getMockEndpoint("mock:polled");
            polled.expectedMessageCount(1);

            assertThatThrownBy(() -> route("channeladvisor:orders?initialDelay=0&repeatCount=1"))
                    .isInstanceOf(FailedToCreateRouteException.class)
                    .hasRootCauseMessage("channeladvisor:orders has no ChannelAdvisor client: the registry holds"
                            + " none or several; name one with client=#beanName or set the component's client.");
            route("channeladvisor:orders?client=#profileB&initialDelay=0&repeatCount=1");

            polled.assertIsSatisfied();
            assertThat(polled.getReceivedExchanges().get(0).getMessage().getHeader(ChannelAdvisorConstants.ORDER_ID))
                    .isEqualTo(id);
        }
    }

    @Test
    void onlyTheOrdersEndpointCanStartARoute() {
        assertThatThrownBy(() -> route("channeladvisor:orders/export"))
                .hasRootCauseMessage("channeladvisor:orders/export cannot start a route; only channeladvisor:orders"
                        + " polls.");
    }

    private void route(String uri) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).to("mock:polled");
            }
        });
    }
}
