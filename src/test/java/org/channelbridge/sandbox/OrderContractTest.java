package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist 8.3 and the order invariants of 8.7: seeding, listing, export, ship and adjust. */
class OrderContractTest extends SandboxTestBase {
    static final String READY = "PaymentStatus eq 'Cleared' and (CheckoutStatus eq 'Completed' or CheckoutStatus eq "
            + "'CompletedAndVisited' or CheckoutStatus eq 'CompletedOffline') and (ShippingStatus eq 'Unshipped' or "
            + "ShippingStatus eq 'PendingShipment' or ShippingStatus eq 'PartiallyShipped')";

    @Override
    void configure(SandboxSettings s) {
        s.applications.add(new SandboxSettings.Application("other-app", "other-secret", "other-refresh", false));
        s.adjustmentProcessingDelay = Duration.ofSeconds(30);
    }

    private JsonNode order(long id) {
        return ca.get("/v1/Orders(" + id + ")").json();
    }

    private long readyOrder(String skusJson) {
        ca.createProduct("{\"Sku\":\"W-1\",\"Title\":\"Widget\",\"RetailPrice\":14.95}");
        return ca.seed("{\"count\":1,\"readyOnly\":true" + skusJson + "}").get(0);
    }

    @Test
    void seededOrdersAreCompleteAndTheirTotalsAddUp() {
        ca.createProduct("{\"Sku\":\"W-1\",\"Title\":\"Widget\",\"RetailPrice\":14.95}");
        List<Long> ids = ca.seed("{\"count\":5}");
        assertThat(ids).hasSize(5);
        for (long id : ids) {
            JsonNode o = order(id);
            assertThat(o.get("SiteName").asText()).isNotBlank();
            assertThat(o.get("SiteOrderID").asText()).isNotBlank();
            assertThat(o.get("BuyerEmailAddress").asText()).contains("@");
            assertThat(o.get("ShippingAddressLine1").asText()).isNotBlank();
            assertThat(o.get("BillingPostalCode").asText()).isNotBlank();
            assertThat(o.has("PrivateNotes")).isTrue();
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode item : o.get("Items")) {
                assertThat(item.get("Sku").asText()).isEqualTo("W-1");
                assertThat(item.get("ProductID").asLong()).isPositive();
                sum = sum.add(item.get("UnitPrice").decimalValue().multiply(item.get("Quantity").decimalValue()))
                        .add(item.get("TaxPrice").decimalValue()).add(item.get("ShippingPrice").decimalValue())
                        .add(item.get("ShippingTaxPrice").decimalValue());
            }
            assertThat(o.get("TotalPrice").decimalValue()).isEqualByComparingTo(sum);
            assertThat(o.get("Fulfillments")).hasSize(1);
            assertThat(o.get("Fulfillments").get(0).get("DistributionCenterID").asInt()).isZero();
            assertThat(o.get("Adjustments")).isEmpty();
        }
    }

    @Test
    void anOrderCreatedThroughTheApiIsReadyAndAddsUp() {
        ca.createProduct("{\"Sku\":\"W-1\",\"Title\":\"Widget\",\"RetailPrice\":14.95}");
        SandboxClient.Response r = ca.post("/v1/Orders", "{\"SiteName\":\"Test Site\",\"SiteOrderID\":\"T-1\","
                + "\"BuyerEmailAddress\":\"a@example.com\",\"ShippingCountry\":\"US\",\"Items\":[{\"Sku\":\"W-1\","
                + "\"Quantity\":2,\"UnitPrice\":14.95,\"TaxPrice\":2.40,\"ShippingPrice\":5}]}");
        assertThat(r.status()).isEqualTo(201);
        long id = r.json().get("ID").asLong();
        JsonNode o = order(id);
        assertThat(o.get("TotalPrice").decimalValue()).isEqualByComparingTo("37.30");
        assertThat(o.get("Items").get(0).get("ProductID").asLong()).isPositive();
        assertThat(o.get("Fulfillments")).hasSize(1);
        assertThat(ca.all("/v1/Orders?exported=false&$filter=" + SandboxClient.enc(READY))).hasSize(1);
        assertThat(ca.post("/v1/Orders", "{\"Items\":[]}").status()).isEqualTo(400);
        assertThat(ca.post("/v1/Orders", "{\"Colour\":\"x\",\"Items\":[{\"Sku\":\"W-1\",\"Quantity\":1,\"UnitPrice\":1}]}").status())
                .isEqualTo(400);
        assertThat(ca.post("/v1/Orders", "{\"PaymentStatus\":\"Maybe\",\"Items\":[{\"Sku\":\"W-1\",\"Quantity\":1,\"UnitPrice\":1}]}").status())
                .isEqualTo(400);
    }

    @Test
    void seededOrdersMixReadyAndNotReady() {
        ca.seed("{\"count\":40}");
        int ready = ca.all("/v1/Orders?$filter=" + SandboxClient.enc(READY)).size();
        assertThat(ready).isBetween(1, 39);
        assertThat(ca.all("/v1/Orders?$filter=" + SandboxClient.enc("ShippingStatus eq 'Shipped'"))).isNotEmpty();
    }

    @Test
    void listShowsNoItemsUnlessExpandedAndSingleOrderExpandsEverything() {
        long id = readyOrder("");
        JsonNode listed = ca.get("/v1/Orders").json().get("value").get(0);
        assertThat(listed.has("Items")).isFalse();
        JsonNode expanded = ca.get("/v1/Orders?$expand=" + SandboxClient.enc("Items($expand=Promotions),Fulfillments($expand=Items),Adjustments,CustomFields"))
                .json().get("value").get(0);
        assertThat(expanded.get("Items").get(0).has("Promotions")).isTrue();
        assertThat(expanded.get("Items").get(0).has("Adjustments")).isFalse();
        assertThat(expanded.get("Fulfillments").get(0).get("Items")).isNotEmpty();
        JsonNode one = order(id);
        assertThat(one.get("Items").get(0).has("FulfillmentItems")).isTrue();
        assertThat(one.get("Fulfillments").get(0).get("DeliveryStatus").asText()).isEqualTo("NoChange");
    }

    @Test
    void expandedItemsAreCutAtTwentyInListsButCompleteById() {
        long id = ca.seed("{\"count\":1,\"withManyItems\":1}").get(0);
        JsonNode listed = ca.get("/v1/Orders?$expand=Items").json().get("value").get(0);
        assertThat(listed.get("Items")).hasSize(20);
        assertThat(listed.get("Items@odata.nextLink").asText()).endsWith("/v1/Orders(" + id + ")/Items?$skip=20");
        assertThat(ca.get(listed.get("Items@odata.nextLink").asText()).json().get("value")).hasSize(5);
        assertThat(order(id).get("Items")).hasSize(25);
    }

    @Test
    void everyOrderAppearsOnceAcrossPages() {
        ca.seed("{\"count\":230}");
        List<JsonNode> all = ca.all("/v1/Orders");
        assertThat(all).hasSize(230);
        assertThat(all.stream().map(o -> o.get("ID").asLong()).distinct().count()).isEqualTo(230);
    }

    @Test
    void exportHidesTheOrderFromExportedFalseForThatApplicationOnly() {
        long id = readyOrder("");
        assertThat(ca.post("/v1/Orders(" + id + ")/Export", null).status()).isEqualTo(204);
        assertThat(ca.post("/v1/Orders(" + id + ")/Export", null).status()).isEqualTo(204);
        assertThat(ca.all("/v1/Orders?exported=false")).isEmpty();
        assertThat(ca.all("/v1/Orders?exported=true")).hasSize(1);
        assertThat(ca.all("/v1/Orders")).hasSize(1);
        assertThat(ca.get("/v1/Orders(" + id + ")").status()).isEqualTo(200);
        SandboxClient other = new SandboxClient(sandbox.baseUrl());
        other.login("other-app", "other-secret", "other-refresh");
        assertThat(other.all("/v1/Orders?exported=false")).hasSize(1);
        assertThat(ca.call("DELETE", "/v1/Orders(" + id + ")/Export", null).status()).isEqualTo(204);
        assertThat(ca.all("/v1/Orders?exported=false")).hasSize(1);
        assertThat(ca.post("/v1/Orders(424242)/Export", null).status()).isEqualTo(404);
        assertThat(ca.get("/v1/Orders?exported=maybe").status()).isEqualTo(400);
    }

    @Test
    void wholeShipmentShipsEverythingAndLeavesTheUnshippedFilter() {
        long id = readyOrder("");
        SandboxClient.Response r = ca.post("/v1/Orders(" + id + ")/Ship", "{\"Value\":{\"ShippedDateUtc\":\"2026-01-05T10:00:00Z\","
                + "\"TrackingNumber\":\"1Z999\",\"ShippingCarrier\":\"UPS\",\"ShippingClass\":\"Ground\","
                + "\"DistributionCenterID\":0,\"SellerFulfillmentID\":\"ship-1\",\"DeliveryStatus\":\"Complete\"}}");
        assertThat(r.status()).isEqualTo(204);
        JsonNode o = order(id);
        assertThat(o.get("ShippingStatus").asText()).isEqualTo("Shipped");
        assertThat(o.get("ShippingDateUtc").asText()).isEqualTo("2026-01-05T10:00:00.0000000Z");
        JsonNode f = o.get("Fulfillments").get(0);
        assertThat(f.get("TrackingNumber").asText()).isEqualTo("1Z999");
        assertThat(f.get("SellerFulfillmentID").asText()).isEqualTo("ship-1");
        assertThat(f.get("DeliveryStatus").asText()).isEqualTo("Complete");
        assertThat(ca.all("/v1/Orders?$filter=" + SandboxClient.enc("ShippingStatus eq 'Unshipped'"))).isEmpty();
        assertThat(ca.post("/v1/Orders(" + id + ")/Ship", "{\"Value\":{}}").status()).isEqualTo(400);
    }

    @Test
    void partialShipmentGivesPartiallyShippedUntilTheRestShips() {
        long id = ca.seed("{\"count\":1,\"withManyItems\":1}").get(0);
        JsonNode item = order(id).get("Items").get(0);
        String partial = "{\"Value\":{\"ShippingCarrier\":\"FedEx\",\"ShippingClass\":\"Ground\",\"TrackingNumber\":\"F1\","
                + "\"Items\":[{\"OrderItemID\":" + item.get("ID").asLong() + ",\"Quantity\":" + item.get("Quantity").asInt() + "}]}}";
        assertThat(ca.post("/v1/Orders(" + id + ")/Ship", partial).status()).isEqualTo(204);
        JsonNode o = order(id);
        assertThat(o.get("ShippingStatus").asText()).isEqualTo("PartiallyShipped");
        assertThat(o.get("Fulfillments")).hasSize(2);
        assertThat(ca.all("/v1/Orders?$filter=" + SandboxClient.enc(READY))).hasSize(1);
        assertThat(ca.post("/v1/Orders(" + id + ")/Ship", "{\"Value\":{\"ShippingCarrier\":\"USPS\",\"ShippingClass\":\"Priority Mail\"}}").status())
                .isEqualTo(204);
        assertThat(order(id).get("ShippingStatus").asText()).isEqualTo("Shipped");
    }

    @Test
    void fulfillmentsCanBeListedByOrder() {
        long id = readyOrder("");
        ca.seed("{\"count\":2}");
        ca.post("/v1/Orders(" + id + ")/Ship", "{\"Value\":{\"SellerFulfillmentID\":\"s-9\"}}");
        List<JsonNode> fs = ca.all("/v1/Fulfillments?$filter=" + SandboxClient.enc("OrderID eq " + id) + "&$expand=Items");
        assertThat(fs).hasSize(1);
        assertThat(fs.get(0).get("SellerFulfillmentID").asText()).isEqualTo("s-9");
        assertThat(fs.get(0).get("Items")).isNotEmpty();
        assertThat(ca.get("/v1/Fulfillments(" + fs.get(0).get("ID").asLong() + ")").json().get("OrderID").asLong()).isEqualTo(id);
        assertThat(ca.get("/v1/Fulfillments(1)").status()).isEqualTo(404);
    }

    @Test
    void fulfillmentWritesFollowTheDocumentedRules() {
        long id = ca.seed("{\"count\":1,\"withManyItems\":1}").get(0);
        SandboxClient.Response created = ca.post("/v1/Fulfillments", "{\"OrderID\":" + id + ",\"ProfileID\":12345}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("DeliveryStatus").asText()).isEqualTo("NoChange");
        long newId = created.json().get("ID").asLong();
        JsonNode line = order(id).get("Fulfillments").get(0).get("Items").get(0);
        assertThat(ca.post("/v1/FulfillmentItems(" + line.get("ID").asLong() + ")/Move",
                "{\"DestinationFulfillmentID\":" + newId + "}").status()).isEqualTo(204);
        assertThat(ca.call("PATCH", "/v1/Fulfillments(" + newId + ")", "{\"TrackingNumber\":\"T1\",\"DeliveryStatus\":\"NoChange\"}").status())
                .isEqualTo(204);
        assertThat(order(id).get("ShippingStatus").asText()).isEqualTo("Unshipped");
        assertThat(ca.call("PATCH", "/v1/Fulfillments(" + newId + ")", "{\"ShippingCarrier\":\"UPS\"}").status()).isEqualTo(400);
        assertThat(ca.call("PATCH", "/v1/Fulfillments(" + newId + ")", "{\"ShippingCarrier\":\"UPS\",\"ShippingClass\":\"Ground\"}").status())
                .isEqualTo(204);
        assertThat(order(id).get("ShippingStatus").asText()).isEqualTo("PartiallyShipped");
        assertThat(ca.call("PATCH", "/v1/Fulfillments(1)", "{}").status()).isEqualTo(404);
    }

    @Test
    void noChangeDeliveryStatusDoesNotShip() {
        long id = readyOrder("");
        assertThat(ca.post("/v1/Orders(" + id + ")/Ship", "{\"Value\":{\"DeliveryStatus\":\"NoChange\",\"TrackingNumber\":\"T\"}}").status())
                .isEqualTo(204);
        assertThat(order(id).get("ShippingStatus").asText()).isEqualTo("Unshipped");
    }

    @Test
    void badShipmentsAreRefused() {
        long id = readyOrder("");
        JsonNode item = order(id).get("Items").get(0);
        String[] bad = {
                "{\"Value\":{\"ShippingCarrier\":\"Pigeon\",\"ShippingClass\":\"Air\"}}",
                "{\"Value\":{\"ShippingCarrier\":\"UPS\"}}",
                "{\"Value\":{\"ShippingClass\":\"Ground\"}}",
                "{\"Value\":{\"ShippingCarrier\":\"USPS\",\"ShippingClass\":\"Next Day Air\"}}",
                "{\"Value\":{\"DistributionCenterID\":77}}",
                "{\"Value\":{\"Items\":[{\"OrderItemID\":" + item.get("ID").asLong() + ",\"Quantity\":99}]}}",
                "{\"Value\":{\"Items\":[{\"OrderItemID\":1,\"Quantity\":1}]}}",
                "{\"Value\":{\"Items\":[{\"Sku\":\"NOT-ON-ORDER\",\"Quantity\":1}]}}",
                "{\"ShippingCarrier\":\"UPS\"}"};
        for (String body : bad) {
            SandboxClient.Response r = ca.post("/v1/Orders(" + id + ")/Ship", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().at("/error/message").asText()).as(body).isNotBlank();
        }
        assertThat(ca.post("/v1/Orders(424242)/Ship", "{\"Value\":{}}").status()).isEqualTo(404);
        assertThat(order(id).get("ShippingStatus").asText()).isEqualTo("Unshipped");
    }

    @Test
    void cancellingAnUnshippedOrderIsAsynchronousAndEndsCanceled() {
        long id = readyOrder("");
        assertThat(ca.post("/v1/Orders(" + id + ")/Adjust", null).status()).isEqualTo(204);
        JsonNode a = order(id).get("Adjustments").get(0);
        assertThat(a.get("Type").asText()).isEqualTo("Cancellation");
        assertThat(a.get("Reason").asText()).isEqualTo("GeneralAdjustment");
        assertThat(a.get("RequestStatus").asText()).isEqualTo("SubmittedNotProcessed");
        assertThat(order(id).get("ShippingStatus").asText()).isEqualTo("Unshipped");
        sandbox.clock().advance(Duration.ofSeconds(31));
        JsonNode o = order(id);
        assertThat(o.get("Adjustments").get(0).get("RequestStatus").asText()).isEqualTo("PostProcessingComplete");
        assertThat(o.get("ShippingStatus").asText()).isEqualTo("Canceled");
        assertThat(ca.all("/v1/Orders?$filter=" + SandboxClient.enc(READY))).isEmpty();
        assertThat(ca.post("/v1/Orders(" + id + ")/Ship", "{\"Value\":{}}").status()).isEqualTo(400);
    }

    @Test
    void aWholeOrderCancelShowsOneAdjustmentOnTheOrderWithItsSellerIdAndEveryItemsShare() {
        long id = readyOrder("");
        JsonNode before = order(id);
        assertThat(ca.post("/v1/Orders(" + id + ")/Adjust", "{\"Reason\":\"ItemNotAvailable\",\"SellerAdjustmentID\":\"A-9\"}")
                .status()).isEqualTo(204);
        JsonNode o = order(id);
        assertThat(o.get("Adjustments")).hasSize(1);
        JsonNode a = o.get("Adjustments").get(0);
        assertThat(a.get("SellerAdjustmentID").asText()).isEqualTo("A-9");
        assertThat(a.get("OrderItemID").isNull()).isTrue();
        java.math.BigDecimal items = java.math.BigDecimal.ZERO;
        for (JsonNode item : before.get("Items")) {
            items = items.add(item.get("UnitPrice").decimalValue().multiply(item.get("Quantity").decimalValue()));
        }
        assertThat(a.get("ItemAdjustment").decimalValue()).isEqualByComparingTo(items);
        for (JsonNode item : o.get("Items")) {
            assertThat(item.get("Adjustments")).hasSize(1);
        }
    }

    @Test
    void itemRefundWithOnlyAQuantityComputesItsShareOfTheAmounts() {
        long id = readyOrder("");
        ca.post("/v1/Orders(" + id + ")/Ship", "{\"Value\":{\"ShippingCarrier\":\"UPS\",\"ShippingClass\":\"Ground\"}}");
        JsonNode item = order(id).get("Items").get(0);
        assertThat(ca.post("/v1/OrderItems(" + item.get("ID").asLong() + ")/Adjust",
                "{\"Quantity\":1,\"Reason\":\"CustomerReturnedItem\",\"SellerAdjustmentID\":\"r-1\"}").status()).isEqualTo(204);
        JsonNode a = order(id).get("Items").get(0).get("Adjustments").get(0);
        int q = item.get("Quantity").asInt();
        assertThat(a.get("Type").asText()).isEqualTo("Refund");
        assertThat(a.get("ItemAdjustment").decimalValue()).isEqualByComparingTo(item.get("UnitPrice").decimalValue());
        assertThat(a.get("TaxAdjustment").decimalValue()).isEqualByComparingTo(
                item.get("TaxPrice").decimalValue().divide(BigDecimal.valueOf(q), 2, java.math.RoundingMode.HALF_UP));
        assertThat(a.get("SellerAdjustmentID").asText()).isEqualTo("r-1");
    }

    @Test
    void badAdjustmentsAreRefused() {
        long id = readyOrder("");
        long itemId = order(id).get("Items").get(0).get("ID").asLong();
        assertThat(ca.post("/v1/OrderItems(" + itemId + ")/Adjust", "{\"Quantity\":99}").status()).isEqualTo(400);
        assertThat(ca.post("/v1/OrderItems(" + itemId + ")/Adjust", "{\"Quantity\":1,\"Reason\":\"Boredom\"}").status()).isEqualTo(400);
        assertThat(ca.post("/v1/OrderItems(" + itemId + ")/Adjust", "{}").status()).isEqualTo(400);
        assertThat(ca.post("/v1/OrderItems(1)/Adjust", "{\"Quantity\":1}").status()).isEqualTo(404);
        assertThat(ca.post("/v1/Orders(1)/Adjust", null).status()).isEqualTo(404);
    }

    @Test
    void restockPutsTheQuantityBackOnceProcessed() {
        long id = readyOrder(",\"skus\":[\"W-1\"]");
        long productId = ca.all("/v1/Products").get(0).get("ID").asLong();
        ca.post("/v1/Products(" + productId + ")/UpdateQuantity",
                "{\"Value\":{\"UpdateType\":\"Absolute\",\"Updates\":[{\"DistributionCenterID\":0,\"Quantity\":10}]}}");
        JsonNode item = order(id).get("Items").get(0);
        ca.post("/v1/OrderItems(" + item.get("ID").asLong() + ")/Adjust", "{\"Quantity\":1,\"Restock\":true}");
        sandbox.clock().advance(Duration.ofSeconds(31));
        assertThat(ca.get("/v1/Products(" + productId + ")").json().get("TotalAvailableQuantity").asInt()).isEqualTo(11);
    }

    @Test
    void injectedAdjustmentFaultEndsInError() {
        long id = readyOrder("");
        ca.admin("POST", "faults", "{\"next\":1,\"adjustmentStatus\":\"Error\"}");
        ca.post("/v1/Orders(" + id + ")/Adjust", "{\"Reason\":105}");
        sandbox.clock().advance(Duration.ofSeconds(31));
        JsonNode o = order(id);
        assertThat(o.get("Adjustments").get(0).get("RequestStatus").asText()).isEqualTo("Error");
        assertThat(o.get("Adjustments").get(0).get("Reason").asText()).isEqualTo("BuyerCancelled");
        assertThat(o.get("ShippingStatus").asText()).isEqualTo("Unshipped");
    }

    @Test
    void sameSellerAdjustmentIdTwiceMakesTwoAdjustments() {
        long id = ca.seed("{\"count\":1,\"withManyItems\":1}").get(0);
        long itemId = order(id).get("Items").get(0).get("ID").asLong();
        String body = "{\"Quantity\":1,\"SellerAdjustmentID\":\"same\"}";
        ca.post("/v1/OrderItems(" + itemId + ")/Adjust", body);
        JsonNode after = order(id);
        int quantity = after.get("Items").get(0).get("Quantity").asInt();
        int second = ca.post("/v1/OrderItems(" + itemId + ")/Adjust", body).status();
        assertThat(second).isEqualTo(quantity > 1 ? 204 : 400);
        assertThat(order(id).get("Adjustments")).hasSize(quantity > 1 ? 2 : 1);
    }
}
