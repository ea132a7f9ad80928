package org.channelbridge.channeladvisor.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.channelbridge.channeladvisor.BatchPart;
import org.channelbridge.channeladvisor.BatchPartResult;
import org.channelbridge.channeladvisor.ChannelAdvisorRejectedException;
import org.channelbridge.channeladvisor.ChannelAdvisorThrottledException;
import org.channelbridge.channeladvisor.ChannelAdvisorUnavailableException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelAdvisorProducerTest extends SandboxCamelTestSupport {

    private static final String INVENTORY_FILE =
            "Inventory Number\tAuction Title\tRetail Price\tQuantity\tQuantity Update Type\r\n"
                    + "UP-1\tOne\t10\t4\tAbsolute\r\n";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ready-orders")
                        .to("channeladvisor:orders?filter=ready")
                        .split(body()).streaming()
                        .to("mock:order");

                from("direct:throttled-export")
                        .onException(ChannelAdvisorThrottledException.class).handled(true).to("mock:throttled").end()
                        .to("channeladvisor:orders/export");
            }
        };
    }

    @Test
    void theOrdersOperationStreamsEveryReadyOrderAcrossPages() throws Exception {
        seedReadyOrders(12);
        sandbox.seedOrders("{\"count\": 10}");
        List<Long> ready = sandbox.readyUnexportedOrderIds();
        assertThat(ready.size()).isGreaterThan(2 * PAGE_SIZE);
        MockEndpoint orders = getMockEndpoint("mock:order");
        orders.expectedMessageCount(ready.size());

        template.sendBody("direct:ready-orders", null);

        orders.assertIsSatisfied();
        assertThat(orders.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(JsonNode.class).path("ID")
                .asLong()).containsExactlyInAnyOrderElementsOf(ready);
        assertThat(orders.getReceivedExchanges().get(0).getMessage().getBody(JsonNode.class).has("Items")).isTrue();
    }

    @Test
    void theOrdersBodyReadsLaterPagesOnlyAsItIsIterated() {
        seedReadyOrders(3 * PAGE_SIZE);

        Iterator<?> orders = template.requestBody("channeladvisor:orders?filter=ready", null, Iterator.class);

        long pagesBefore = orderListCalls();
        List<Object> all = new ArrayList<>();
        orders.forEachRemaining(all::add);
        assertThat(all).hasSize(3 * PAGE_SIZE);
        assertThat(pagesBefore).isEqualTo(1);
        assertThat(orderListCalls()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anOwnODataFilterNarrowsTheReadyOrders() {
        long id = seedReadyOrders(4).get(2);

        assertThat(readyOrderIds("channeladvisor:orders?filter=ready&odataFilter=ID eq " + id)).containsExactly(id);
    }

    @Test
    void filterReadyFollowsTheBridgesOrdersReadyProperties() {
        long id = seedReadyOrders(4).get(1);
        Properties keys = new Properties();
        keys.setProperty("orders.ready.extra-filter", "ID eq " + id);
        context.getPropertiesComponent().setOverrideProperties(keys);

        assertThat(readyOrderIds("channeladvisor:orders?filter=ready")).containsExactly(id);
    }

    @Test
    void theComponentsReadyOptionsOutweighTheProperties() {
        seedReadyOrders(3);
        Properties keys = new Properties();
        keys.setProperty("orders.ready.payment-statuses", "Cleared");
        context.getPropertiesComponent().setOverrideProperties(keys);
        context.getComponent("channeladvisor", ChannelAdvisorComponent.class).setReadyPaymentStatuses("Pending");

        assertThat(readyOrderIds("channeladvisor:orders?filter=ready")).isEmpty();
        assertThat(readyOrderIds("channeladvisor:orders?filter=all")).hasSize(3);
    }

    @Test
    void ordersGetReadsTheWholeOrderByHeaderOrByNumericBody() {
        long id = seedReadyOrders(1).get(0);

        Exchange byHeader = template.request("channeladvisor:orders/get",
                e -> e.getMessage().setHeader(ChannelAdvisorConstants.ORDER_ID, String.valueOf(id)));
        JsonNode byBody = template.requestBody("channeladvisor:orders/get", id, JsonNode.class);

        JsonNode order = byHeader.getMessage().getBody(JsonNode.class);
        assertThat(order.path("ID").asLong()).isEqualTo(id);
        assertThat(order.path("Items").get(0).has("Promotions")).isTrue();
        assertThat(order.has("CustomFields")).isTrue();
        assertThat(byHeader.getMessage().getHeader(ChannelAdvisorConstants.RESPONSE_CODE)).isEqualTo(200);
        assertThat(byBody.path("ID").asLong()).isEqualTo(id);
    }

    @Test
    void ordersExportMarksTheOrderExportedAndKeepsTheBody() {
        List<Long> ids = seedReadyOrders(2);

        Exchange done = template.request("channeladvisor:orders/export", e -> {
            e.getMessage().setHeader(ChannelAdvisorConstants.ORDER_ID, ids.get(0));
            e.getMessage().setBody("the order's row");
        });

        assertThat(done.getException()).isNull();
        assertThat(sandbox.readyUnexportedOrderIds()).containsExactly(ids.get(1));
        assertThat(done.getMessage().getBody()).isEqualTo("the order's row");
    }

    @Test
    void ordersShipCreatesOneFulfillmentFromTheBody() {
        long id = seedReadyOrders(1).get(0);
        ObjectNode ship = (ObjectNode) json("{\"ShippedDateUtc\":\"2026-01-05T10:00:00Z\",\"TrackingNumber\":\"1Z999\","
                + "\"ShippingCarrier\":\"UPS\",\"ShippingClass\":\"Ground\",\"DistributionCenterID\":0,"
                + "\"SellerFulfillmentID\":\"ship-1\",\"DeliveryStatus\":\"Complete\"}");

        template.sendBodyAndHeader("channeladvisor:orders/ship", ship, ChannelAdvisorConstants.ORDER_ID, id);

        JsonNode order = order(id);
        assertThat(order.path("Fulfillments")).filteredOn(f -> f.path("DeliveryStatus").asText().equals("Complete"))
                .singleElement().satisfies(f -> assertThat(f.path("TrackingNumber").asText()).isEqualTo("1Z999"));
        assertThat(order.path("ShippingStatus").asText()).isEqualTo("Shipped");
    }

    @Test
    void ordersAdjustCancelsTheOrderOrRefundsTheItemTheHeadersName() {
        List<Long> ids = seedReadyOrders(2);
        long itemOrder = ids.get(1);
        template.sendBodyAndHeader("channeladvisor:orders/ship", json("{\"ShippingCarrier\":\"UPS\","
                + "\"ShippingClass\":\"Ground\"}"), ChannelAdvisorConstants.ORDER_ID, itemOrder);
        long itemId = order(itemOrder).path("Items").get(0).path("ID").asLong();

        template.sendBodyAndHeader("channeladvisor:orders/adjust",
                "{\"Reason\":\"ItemNotAvailable\",\"SellerAdjustmentID\":\"A-9\"}",
                ChannelAdvisorConstants.ORDER_ID, ids.get(0));
        template.sendBodyAndHeaders("channeladvisor:orders/adjust",
                json("{\"Quantity\":1,\"Reason\":\"CustomerReturnedItem\",\"SellerAdjustmentID\":\"r-1\"}"),
                Map.of(ChannelAdvisorConstants.ORDER_ID, itemOrder, ChannelAdvisorConstants.ORDER_ITEM_ID, itemId));

        JsonNode cancelled = order(ids.get(0)).path("Adjustments");
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).path("SellerAdjustmentID").asText()).isEqualTo("A-9");
        assertThat(cancelled.get(0).path("OrderItemID").isNull()).isTrue();
        JsonNode refunded = order(itemOrder).path("Adjustments");
        assertThat(refunded).hasSize(1);
        assertThat(refunded.get(0).path("SellerAdjustmentID").asText()).isEqualTo("r-1");
        assertThat(refunded.get(0).path("OrderItemID").asLong()).isEqualTo(itemId);
    }

    @Test
    void productsCreateSetsTheNewIdAndFindFindsItBySku() {
        Exchange created = template.request("channeladvisor:products/create",
                e -> e.getMessage().setBody(json("{\"Sku\":\"CMP-1\",\"Title\":\"Component\",\"RetailPrice\":9.5}")));
        Exchange found = template.request("channeladvisor:products/find",
                e -> e.getMessage().setHeader(ChannelAdvisorConstants.SKU, "CMP-1"));
        Exchange missing = template.request("channeladvisor:products/find", e -> {
            e.getMessage().setHeader(ChannelAdvisorConstants.SKU, "NO-SUCH-SKU");
            e.getMessage().setHeader(ChannelAdvisorConstants.PRODUCT_ID, 99L);
        });

        long id = created.getMessage().getHeader(ChannelAdvisorConstants.PRODUCT_ID, Long.class);
        assertThat(sandbox.get("/v1/Products(" + id + ")").path("Sku").asText()).isEqualTo("CMP-1");
        assertThat(created.getMessage().getBody(JsonNode.class).path("Sku").asText()).isEqualTo("CMP-1");
        assertThat(found.getMessage().getHeader(ChannelAdvisorConstants.PRODUCT_ID)).isEqualTo(id);
        assertThat(missing.getException()).isNull();
        assertThat(missing.getMessage().getHeaders()).doesNotContainKey(ChannelAdvisorConstants.PRODUCT_ID);
    }

    @Test
    void productsBatchAnswersOneResultPerPartInOrder() {
        long id = template.request("channeladvisor:products/create",
                e -> e.getMessage().setBody(json("{\"Sku\":\"B-1\",\"Title\":\"Before\"}")))
                .getMessage().getHeader(ChannelAdvisorConstants.PRODUCT_ID, Long.class);
        List<BatchPart> parts = List.of(
                BatchPart.patch("B-1", "Products(" + id + ")", json("{\"Title\":\"After\"}")),
                BatchPart.patch("B-2", "Products(424242)", json("{\"Title\":\"Nobody\"}")));

        List<?> results = template.requestBody("channeladvisor:products/batch", parts, List.class);

        assertThat(results).hasSize(2);
        BatchPartResult first = (BatchPartResult) results.get(0);
        BatchPartResult second = (BatchPartResult) results.get(1);
        assertThat(first.id()).isEqualTo("B-1");
        assertThat(first.isOk()).isTrue();
        assertThat(second.id()).isEqualTo("B-2");
        assertThat(second.outcome()).isEqualTo(BatchPartResult.Outcome.REJECTED);
        assertThat(sandbox.get("/v1/Products(" + id + ")").path("Title").asText()).isEqualTo("After");
    }

    @Test
    void productsUploadAnswersATokenWhoseStatusCanBeRead() {
        Exchange uploaded = template.request("channeladvisor:products/upload?templateCode=ChannelBridge",
                e -> e.getMessage().setBody(INVENTORY_FILE.getBytes(StandardCharsets.UTF_8)));
        String token = uploaded.getMessage().getHeader(ChannelAdvisorConstants.UPLOAD_TOKEN, String.class);

        JsonNode status = template.requestBodyAndHeader("channeladvisor:products/upload-status", null,
                ChannelAdvisorConstants.UPLOAD_TOKEN, token, JsonNode.class);

        assertThat(uploaded.getException()).isNull();
        assertThat(token).isNotBlank();
        assertThat(uploaded.getMessage().getHeader(ChannelAdvisorConstants.RESPONSE_CODE)).isEqualTo(202);
        assertThat(status.path("Status").asText()).isNotBlank();
    }

    @Test
    void getReadsAnyPathFromTheOptionOrTheHeader() {
        long id = template.request("channeladvisor:products/create",
                e -> e.getMessage().setBody(Map.of("Sku", "G-1", "Title", "Generic")))
                .getMessage().getHeader(ChannelAdvisorConstants.PRODUCT_ID, Long.class);

        JsonNode byOption = template.requestBody("channeladvisor:get?path=/v1/Products(" + id + ")", null,
                JsonNode.class);
        JsonNode byHeader = template.requestBodyAndHeader("channeladvisor:get?path=/v1/Products(1)", null,
                ChannelAdvisorConstants.PATH, "/v1/Products?$filter=Sku eq 'G-1'", JsonNode.class);

        assertThat(byOption.path("Title").asText()).isEqualTo("Generic");
        assertThat(byHeader.path("value").get(0).path("ID").asLong()).isEqualTo(id);
    }

    @Test
    void aThrottledCallSurfacesAsTheTypedExceptionForTheRoutesOnException() throws Exception {
        long id = seedReadyOrders(1).get(0);
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Export$\",\"next\":1,\"status\":429,\"retryAfter\":1}");
        MockEndpoint throttled = getMockEndpoint("mock:throttled");
        throttled.expectedMessageCount(1);

        template.sendBodyAndHeader("direct:throttled-export", null, ChannelAdvisorConstants.ORDER_ID, id);

        throttled.assertIsSatisfied();
        assertThat(throttled.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT))
                .isInstanceOf(ChannelAdvisorThrottledException.class);
        assertThat(sandbox.readyUnexportedOrderIds()).containsExactly(id);
    }

    @Test
    void aServerErrorAndARefusalSurfaceUnwrappedAsTheirTypedExceptions() {
        long id = seedReadyOrders(1).get(0);
        JsonNode before = order(id);
        sandbox.admin("POST", "/sandbox/faults", "{\"path\":\"/Ship$\",\"next\":1,\"status\":503}");

        Exchange unavailable = template.request("channeladvisor:orders/ship", e -> {
            e.getMessage().setHeader(ChannelAdvisorConstants.ORDER_ID, id);
            e.getMessage().setBody(json("{\"ShippingCarrier\":\"UPS\",\"ShippingClass\":\"Ground\"}"));
        });
        Exchange refused = template.request("channeladvisor:orders/ship", e -> {
            e.getMessage().setHeader(ChannelAdvisorConstants.ORDER_ID, 424242L);
            e.getMessage().setBody(json("{\"ShippingCarrier\":\"UPS\",\"ShippingClass\":\"Ground\"}"));
        });

        assertThat(unavailable.getException()).isInstanceOf(ChannelAdvisorUnavailableException.class);
        assertThat(((ChannelAdvisorUnavailableException) unavailable.getException()).status()).isEqualTo(503);
        assertThat(refused.getException()).isInstanceOf(ChannelAdvisorRejectedException.class);
        assertThat(((ChannelAdvisorRejectedException) refused.getException()).status()).isEqualTo(404);
        assertThat(order(id)).isEqualTo(before);
    }

    @Test
    void aYamlRouteNamesTheEndpointsAndTheirOptions() throws Exception {
        seedReadyOrders(PAGE_SIZE + 1);
        List<Long> ready = sandbox.readyUnexportedOrderIds();
        MockEndpoint whole = getMockEndpoint("mock:whole");
        whole.expectedMessageCount(ready.size());
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("read.camel.yaml", """
                - route:
                    from:
                      uri: direct:read-ready
                      steps:
                        - to:
                            uri: channeladvisor:orders
                            parameters:
                              filter: ready
                              expand: Items
                        - split:
                            simple: "${body}"
                            streaming: true
                            steps:
                              - setHeader:
                                  name: CamelChannelAdvisorOrderId
                                  simple: "${body.path('ID').asLong()}"
                              - to:
                                  uri: channeladvisor:orders/get
                              - to:
                                  uri: mock:whole
                """));

        template.sendBody("direct:read-ready", null);

        whole.assertIsSatisfied();
        assertThat(whole.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(JsonNode.class))
                .allSatisfy(order -> assertThat(order.has("CustomFields")).isTrue())
                .extracting(order -> order.path("ID").asLong()).containsExactlyInAnyOrderElementsOf(ready);
    }

    @Test
    void aMissingOrderIdIsNamedInOneSentence() {
        Exchange failed = template.request("channeladvisor:orders/export", e -> e.getMessage().setBody("x"));

        assertThat(failed.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("channeladvisor:orders/export needs the order ID in the header CamelChannelAdvisorOrderId.");
    }

    private List<Long> readyOrderIds(String uri) {
        List<Long> ids = new ArrayList<>();
        template.requestBody(uri, null, Iterator.class)
                .forEachRemaining(o -> ids.add(((JsonNode) o).path("ID").asLong()));
        return ids;
    }

    /** The order list pages ChannelAdvisor has answered so far (the sandbox counts requests by endpoint). */
    private static long orderListCalls() {
        long calls = 0;
        for (JsonNode count : sandbox.admin("GET", "/sandbox/stats", null).path("requests").path("GET /v1/Orders")) {
            calls += count.asLong();
        }
        return calls;
    }
}
