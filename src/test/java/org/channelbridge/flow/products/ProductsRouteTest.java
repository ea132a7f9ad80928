package org.channelbridge.flow.products;

import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The products routes on their own: System2 is a real H2 database, and ChannelAdvisor's {@code $batch} and
 * lookup endpoints are {@code MockEndpoint}s put in their place with AdviceWith, so that each test says exactly
 * what ChannelAdvisor answers and sees exactly what the routes sent.
 */
class ProductsRouteTest extends ProductRoutesTestSupport {

    private final BatchAnswers channelAdvisor = new BatchAnswers();
    private MockEndpoint batch;
    private MockEndpoint lookups;

    private void start() throws Exception {
        AdviceWith.adviceWith(context, "products-send", route -> {
            route.weaveByToUri("channeladvisor:products/batch*").replace().to("mock:batch");
            route.weaveByToUri("channeladvisor:products/find*").replace().to("mock:find");
        });
        batch = getMockEndpoint("mock:batch");
        batch.whenAnyExchangeReceived(channelAdvisor);
        lookups = getMockEndpoint("mock:find");
        context.start();
    }

    @Test
    void changedProductsGoInGroupsThatFillOneBatchEachAndAQuietCycleSendsNothing() throws Exception {
        insertProducts("P-", 250);
        start();

        cycle();

        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(250);
        // 99 parts a batch (100 packed to the budget of 1,900 a minute): three groups of creates, each followed by
        // the quantities of the products it created
        assertThat(channelAdvisor.sizes()).containsExactlyInAnyOrder(99, 99, 52, 99, 99, 52);
        assertThat(channelAdvisor.partsTo("/UpdateQuantity")).isEqualTo(250);
        assertThat(stats.of("products").tally("batches")).isEqualTo(3);

        batch.reset();
        cycle();
        batch.expectedMessageCount(0);
        batch.assertIsSatisfied();
    }

    @Test
    void aBatchThatFailsForNowGoesAgainInTheNextRoundAndACreateThatMayHaveHappenedIsLookedUpFirst()
            throws Exception {
        insertProducts("F-", 10);
        channelAdvisor.failNext(BatchAnswers.batchFailure(500), BatchAnswers.batchFailure(429));
        start();

        cycle();

        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isEqualTo(10);
        assertThat(column("select business_key from dead_letters")).isEmpty();
        // the 500 may have created the products: each is looked up by Sku before its create goes again
        assertThat(lookups.getReceivedCounter()).isEqualTo(10);
        assertThat(channelAdvisor.sizes()).as("creates: 500, 429, accepted; then the quantities")
                .containsExactly(10, 10, 10, 10);
    }

    @Test
    void aPartThatKeepsFailingGoesAloneThenDeadLettersItsProductWhileTheOthersAreRecorded() throws Exception {
        insertProducts("A-", 5);
        execute("insert into product_attributes (sku, name, value) values ('A-3', 'Colour', 'Red'),"
                + " ('A-4', 'Colour', 'Blue')");
        channelAdvisor.answer("/UpdateAttributes", 500);
        start();

        cycle();

        assertThat(column("select sku from sync_state where state = 'SYNCED' order by sku"))
                .containsExactly("A-1", "A-2", "A-5");
        assertThat(column("select business_key from dead_letters where flow = 'products' and state = 'OPEN'"))
                .containsExactlyInAnyOrder("A-3", "A-4");
        // after the quantities and attributes of the new products: 3 rounds with the group's other open parts
        // (products.batch-rounds), then 3 in which each product's parts go on their own (products.max-redeliveries)
        List<Integer> withAttributes = channelAdvisor.batches.stream()
                .filter(b -> b.stream().anyMatch(p -> p.path().endsWith("/UpdateAttributes"))).map(List::size)
                .toList();
        assertThat(withAttributes).containsExactly(7, 2, 2, 2, 1, 1, 1, 1, 1, 1);
    }

    @Test
    void aRefusedPartDeadLettersItsProductAtOnceWithChannelAdvisorsMessage() throws Exception {
        insertProducts("R-", 3);
        execute("insert into product_attributes (sku, name, value) values ('R-2', 'Colour', 'Red')");
        channelAdvisor.answer("/UpdateAttributes", 400);
        start();

        cycle();

        assertThat(column("select message from dead_letters where business_key = 'R-2'"))
                .singleElement().asString().contains("refused by the test");
        assertThat(channelAdvisor.sizes()).as("the creates, then quantities and the attributes: no round again")
                .containsExactly(3, 4);
        assertThat(column("select sku from sync_state where state = 'SYNCED' and sku <> 'R-2' order by sku"))
                .containsExactly("R-1", "R-3");
    }

    @Test
    void refusedCredentialsStopSendingForTheCycleAndLeaveEveryProductForTheNext() throws Exception {
        insertProducts("T-", 150);
        channelAdvisor.failNext(new ChannelAdvisorAuthenticationException("ChannelAdvisor refused the refresh token.",
                400, "invalid_grant"));
        start();

        cycle();

        assertThat(column("select business_key from dead_letters")).isEmpty();
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'")).isZero();
        assertThat(channelAdvisor.batches).as("the other group does not go out").hasSize(1);
        // the catalog is read no further once sending stopped, and every product read waits for the next cycle
        assertThat(stats.of("products").read()).isBetween(99L, 150L);
        assertThat(stats.of("products").skipped()).isEqualTo(stats.of("products").read());

        cycle();
        assertThat(count("select count(*) from sync_state where state = 'SYNCED'"))
                .as("the next cycle tries again").isEqualTo(150);
    }

    @Test
    void theBeforeSendHookMayLeaveAProductAloneOrChangeWhatIsSent() throws Exception {
        insertProducts("H-", 3);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:products-before-send").routeId("test-hook")
                        .choice()
                            .when(simple("${body[sku]} == 'H-1'")).setProperty("bridgeSkip", constant(true))
                            .when(simple("${body[sku]} == 'H-2'")).script(simple("${body.put('title', 'Renamed')}"))
                        .end();
            }
        });
        start();

        cycle();

        List<String> created = channelAdvisor.batches.stream().flatMap(List::stream)
                .filter(p -> p.path().equals("/v1/Products")).map(p -> p.body().path("Sku").asText() + "="
                        + p.body().path("Title").asText()).toList();
        assertThat(created).containsExactlyInAnyOrder("H-2=Renamed", "H-3=Product H-3");
        assertThat(stats.of("products").skipped()).isEqualTo(1);

        channelAdvisor.batches.clear();
        cycle();
        assertThat(channelAdvisor.batches).as("the renamed product is held as the hook sends it").isEmpty();
    }
}
