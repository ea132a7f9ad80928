package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist 8.2: the product catalog. */
class ProductContractTest extends SandboxTestBase {
    private static final List<String> REAL_FIELDS = List.of("ID", "ProfileID", "CreateDateUtc", "UpdateDateUtc",
            "QuantityUpdateDateUtc", "IsAvailableInStore", "IsBlocked", "IsExternalQuantityBlocked", "BlockComment",
            "BlockedDateUtc", "ReceivedDateUtc", "LastSaleDateUtc", "ASIN", "Brand", "Condition", "Description", "EAN",
            "FlagDescription", "Flag", "HarmonizedCode", "ISBN", "Manufacturer", "MPN", "ShortDescription", "Sku",
            "Subtitle", "TaxProductCode", "Title", "UPC", "WarehouseLocation", "Warranty", "Height", "Length", "Width",
            "Weight", "Cost", "Margin", "RetailPrice", "StartingPrice", "ReservePrice", "BuyItNowPrice", "StorePrice",
            "SecondChancePrice", "SupplierName", "SupplierCode", "SupplierPO", "Classification", "IsDisplayInStore",
            "StoreTitle", "StoreDescription", "BundleType", "TotalAvailableQuantity", "OpenAllocatedQuantity",
            "OpenAllocatedQuantityPooled", "PendingCheckoutQuantity", "PendingCheckoutQuantityPooled",
            "PendingPaymentQuantity", "PendingPaymentQuantityPooled", "PendingShipmentQuantity",
            "PendingShipmentQuantityPooled", "TotalQuantity", "TotalQuantityPooled", "IsParent", "IsInRelationship",
            "ParentProductID", "RelationshipName", "USP", "CategoryPath", "CategoryCode");

    @Test
    void aCreateIgnoresQuantitiesAttributesAndLabelsSentInsideIt() {
        SandboxClient.Response r = ca.post("/v1/Products", "{\"Sku\":\"INLINE-1\",\"Title\":\"Inline\","
                + "\"DCQuantities\":[{\"DistributionCenterID\":0,\"AvailableQuantity\":5}],"
                + "\"Attributes\":[{\"Name\":\"Color\",\"Value\":\"Red\"}],\"Labels\":[{\"Name\":\"Sale\"}]}");
        assertThat(r.status()).isEqualTo(201);
        long id = r.json().get("ID").asLong();
        JsonNode p = ca.get("/v1/Products(" + id + ")?$expand=DCQuantities,Attributes,Labels").json();
        assertThat(p.get("Title").asText()).isEqualTo("Inline");
        assertThat(p.get("TotalAvailableQuantity").asInt()).isZero();
        p.get("DCQuantities").forEach(dc -> assertThat(dc.get("AvailableQuantity").asInt()).isZero());
        assertThat(p.get("Attributes")).isEmpty();
        assertThat(p.get("Labels")).isEmpty();
    }

    @Test
    void createdProductHasEveryRealFieldWithChannelAdvisorDefaults() {
        SandboxClient.Response r = ca.post("/v1/Products", "{\"Sku\":\"P-1\",\"Title\":\"Probe\",\"RetailPrice\":12.5}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode p = r.json();
        assertThat(p.get("@odata.context").asText()).endsWith("/v1/$metadata#Products/$entity");
        List<String> names = new java.util.ArrayList<>();
        p.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(REAL_FIELDS);
        assertThat(p.get("Flag").asText()).isEqualTo("NoFlag");
        assertThat(p.get("BundleType").asText()).isEqualTo("None");
        assertThat(p.get("TotalAvailableQuantity").asInt()).isZero();
        assertThat(p.get("ASIN").isNull()).isTrue();
        assertThat(p.get("ProfileID").asLong()).isEqualTo(12345);
        assertThat(p.get("CreateDateUtc").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(r.body()).contains("\"RetailPrice\":12.5000").contains("\"ASIN\":null");
        assertThat(r.header("Location")).endsWith("/v1/Products(" + p.get("ID").asLong() + ")");
    }

    @Test
    void idsAreAssignedInIncreasingOrder() {
        long a = ca.createProduct("{\"Sku\":\"A\"}");
        long b = ca.createProduct("{\"Sku\":\"B\"}");
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void missingSkuAndDuplicateSkuInAnyCaseAreRefused() {
        ca.createProduct("{\"Sku\":\"Dup-1\"}");
        SandboxClient.Response dup = ca.post("/v1/Products", "{\"Sku\":\"DUP-1\"}");
        SandboxClient.Response none = ca.post("/v1/Products", "{\"Title\":\"x\"}");
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.json().at("/error/message").asText()).contains("already exists");
        assertThat(none.status()).isEqualTo(400);
    }

    @Test
    void unknownPropertyWrongTypeAndMalformedJsonAreRefused() {
        assertThat(ca.post("/v1/Products", "{\"Sku\":\"X\",\"Colour\":\"red\"}").status()).isEqualTo(400);
        assertThat(ca.post("/v1/Products", "{\"Sku\":\"X\",\"RetailPrice\":\"cheap\"}").status()).isEqualTo(400);
        SandboxClient.Response broken = ca.post("/v1/Products", "{\"Sku\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().at("/error/message").asText()).contains("not valid JSON");
    }

    @Test
    void productIsReadByIdAndUnknownIdIs404() {
        long id = ca.createProduct("{\"Sku\":\"G-1\",\"Title\":\"Get me\"}");
        SandboxClient.Response r = ca.get("/v1/Products(" + id + ")");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("Title").asText()).isEqualTo("Get me");
        SandboxClient.Response missing = ca.get("/v1/Products(999)");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().at("/error/message").asText()).isNotBlank();
    }

    @Test
    void unroutablePathGetsTheRoutingErrorShape() {
        SandboxClient.Response r = ca.get("/v1/Products6200201)");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("$id").asText()).isEqualTo("1");
        assertThat(r.json().get("Message").asText()).startsWith("No HTTP resource was found that matches the request URI");
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndMovesUpdateDate() throws InterruptedException {
        long id = ca.createProduct("{\"Sku\":\"U-1\",\"Title\":\"Old\",\"Brand\":\"Acme\"}");
        String before = ca.get("/v1/Products(" + id + ")").json().get("UpdateDateUtc").asText();
        Thread.sleep(5);
        assertThat(ca.call("PATCH", "/v1/Products(" + id + ")", "{\"Title\":\"New\"}").status()).isEqualTo(204);
        assertThat(ca.call("PUT", "/v1/Products(" + id + ")", "{\"Cost\":3}").status()).isEqualTo(204);
        JsonNode p = ca.get("/v1/Products(" + id + ")").json();
        assertThat(p.get("Title").asText()).isEqualTo("New");
        assertThat(p.get("Brand").asText()).isEqualTo("Acme");
        assertThat(p.get("Cost").decimalValue()).isEqualByComparingTo("3");
        assertThat(p.get("UpdateDateUtc").asText()).isGreaterThan(before);
        assertThat(ca.call("PATCH", "/v1/Products(999)", "{\"Title\":\"x\"}").status()).isEqualTo(404);
    }

    @Test
    void deletedProductIsGone() {
        long id = ca.createProduct("{\"Sku\":\"D-1\"}");
        assertThat(ca.call("DELETE", "/v1/Products(" + id + ")", null).status()).isEqualTo(204);
        assertThat(ca.get("/v1/Products(" + id + ")").status()).isEqualTo(404);
        assertThat(ca.post("/v1/Products", "{\"Sku\":\"D-1\"}").status()).isEqualTo(201);
    }

    @Test
    void countIsABareInteger() {
        ca.createProduct("{\"Sku\":\"C-1\"}");
        ca.createProduct("{\"Sku\":\"C-2\"}");
        SandboxClient.Response r = ca.get("/v1/Products/$count");
        assertThat(r.body()).isEqualTo("2");
    }

    @Test
    void absoluteQuantityUpdateIsIdempotentAndRelativeIsNot() {
        long id = ca.createProduct("{\"Sku\":\"Q-1\"}");
        String absolute = "{\"Value\":{\"UpdateType\":\"Absolute\",\"Updates\":[{\"DistributionCenterID\":0,\"Quantity\":7}]}}";
        String relative = "{\"Value\":{\"UpdateType\":\"Relative\",\"Updates\":[{\"DistributionCenterID\":0,\"Quantity\":-2}]}}";
        assertThat(ca.post("/v1/Products(" + id + ")/UpdateQuantity", absolute).status()).isEqualTo(204);
        ca.post("/v1/Products(" + id + ")/UpdateQuantity", absolute);
        assertThat(available(id)).isEqualTo(7);
        ca.post("/v1/Products(" + id + ")/UpdateQuantity", relative);
        ca.post("/v1/Products(" + id + ")/UpdateQuantity", relative);
        assertThat(available(id)).isEqualTo(3);
        JsonNode dcs = ca.get("/v1/Products(" + id + ")?$expand=DCQuantities").json().get("DCQuantities");
        assertThat(dcs.get(0).get("AvailableQuantity").asInt()).isEqualTo(3);
    }

    @Test
    void quantityUpdateRefusesUnknownDistributionCenterAndUpdateType() {
        long id = ca.createProduct("{\"Sku\":\"Q-2\"}");
        assertThat(ca.post("/v1/Products(" + id + ")/UpdateQuantity",
                "{\"Value\":{\"UpdateType\":\"Absolute\",\"Updates\":[{\"DistributionCenterID\":9,\"Quantity\":1}]}}").status()).isEqualTo(400);
        assertThat(ca.post("/v1/Products(" + id + ")/UpdateQuantity",
                "{\"Value\":{\"UpdateType\":\"Sometimes\",\"Updates\":[{\"DistributionCenterID\":0,\"Quantity\":1}]}}").status()).isEqualTo(400);
        assertThat(ca.post("/v1/Products(999)/UpdateQuantity",
                "{\"Value\":{\"UpdateType\":\"Absolute\",\"Updates\":[{\"DistributionCenterID\":0,\"Quantity\":1}]}}").status()).isEqualTo(404);
    }

    @Test
    void unShippedUpdateSubtractsWhatOpenOrdersHold() {
        long id = ca.createProduct("{\"Sku\":\"Q-3\",\"RetailPrice\":10}");
        ca.seed("{\"count\":3,\"readyOnly\":true,\"skus\":[\"Q-3\"]}");
        int pending = ca.get("/v1/Products(" + id + ")").json().get("PendingShipmentQuantity").asInt();
        assertThat(pending).isPositive();
        ca.post("/v1/Products(" + id + ")/UpdateQuantity",
                "{\"Value\":{\"UpdateType\":\"UnShipped\",\"Updates\":[{\"DistributionCenterID\":0,\"Quantity\":20}]}}");
        JsonNode p = ca.get("/v1/Products(" + id + ")").json();
        assertThat(p.get("TotalAvailableQuantity").asInt()).isEqualTo(20 - pending);
        assertThat(p.get("TotalQuantity").asInt()).isEqualTo(20);
    }

    @Test
    void attributesAreSetReadAndRemovedInEveryForm() {
        long id = ca.createProduct("{\"Sku\":\"AT-1\"}");
        assertThat(ca.post("/v1/Products(" + id + ")/UpdateAttributes",
                "{\"Value\":{\"Attributes\":[{\"Name\":\"Color\",\"Value\":\"Red\"},{\"Name\":\"Size\",\"Value\":\"M\"}]}}").status()).isEqualTo(204);
        assertThat(ca.call("PUT", "/v1/Products(" + id + ")/Attributes('Color')", "{\"Value\":\"Blue\"}").status()).isEqualTo(204);
        assertThat(ca.get("/v1/Products(" + id + ")/Attributes('Color')").json().get("Value").asText()).isEqualTo("Blue");
        SandboxClient.Response created = ca.post("/v1/AttributeValues", "{\"ProductID\":" + id + ",\"Name\":\"Fabric\",\"Value\":\"Wool\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(ca.call("DELETE", "/v1/Products(" + id + ")/Attributes('Size')", null).status()).isEqualTo(204);
        JsonNode attrs = ca.get("/v1/Products(" + id + ")?$expand=Attributes").json().get("Attributes");
        assertThat(attrs).extracting(a -> a.get("Name").asText() + "=" + a.get("Value").asText())
                .containsExactly("Color=Blue", "Fabric=Wool");
        assertThat(ca.post("/v1/Products(" + id + ")/UpdateAttributes",
                "{\"Value\":{\"Attributes\":[{\"Name\":\"" + "N".repeat(33) + "\",\"Value\":\"x\"}]}}").status()).isEqualTo(400);
    }

    @Test
    void distributionCentersListTheConfiguredCenters() {
        JsonNode dcs = ca.get("/v1/DistributionCenters").json().get("value");
        assertThat(dcs).hasSize(1);
        assertThat(dcs.get(0).get("ID").asInt()).isZero();
    }

    @Test
    void labelsCanBeFilteredWithAny() {
        long a = ca.createProduct("{\"Sku\":\"L-1\"}");
        ca.createProduct("{\"Sku\":\"L-2\"}");
        assertThat(ca.post("/v1/ProductLabels", "{\"ProductID\":" + a + ",\"Name\":\"Clearance\"}").status()).isEqualTo(201);
        List<JsonNode> hits = ca.all("/v1/Products?$filter=" + SandboxClient.enc("Labels/Any (l: l/Name eq 'Clearance')"));
        assertThat(hits).extracting(h -> h.get("Sku").asText()).containsExactly("L-1");
    }

    @Test
    void productExportCompletesAfterPollsAndServesAZipOfTheCatalog() throws Exception {
        ca.createProduct("{\"Sku\":\"E-1\",\"Title\":\"Exported\"}");
        SandboxClient.Response started = ca.post("/v1/ProductExport", null);
        assertThat(started.status()).isEqualTo(202);
        String token = started.json().get("Token").asText();
        assertThat(started.json().get("Status").asText()).isEqualTo("Pending");
        assertThat(started.json().get("ResponseFileUrl").isNull()).isTrue();
        assertThat(ca.get("/v1/ProductExport?token=" + token).json().get("Status").asText()).isEqualTo("InProgress");
        JsonNode done = ca.get("/v1/ProductExport?token=" + token).json();
        assertThat(done.get("Status").asText()).isEqualTo("Complete");
        java.net.http.HttpResponse<byte[]> zip = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(done.get("ResponseFileUrl").asText())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            assertThat(in.getNextEntry()).isNotNull();
            String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\r\n");
            assertThat(lines[0]).startsWith("ID\tProfileID\t").contains("\tSku\t");
            assertThat(lines).hasSize(2);
            assertThat(lines[1]).contains("\tE-1\t").contains("Exported");
        }
        assertThat(ca.get("/v1/ProductExport?token=nope").status()).isEqualTo(404);
    }

    @Test
    void moreThanTenExportRequestsAMinuteGet429() {
        for (int i = 0; i < 10; i++) {
            assertThat(ca.post("/v1/ProductExport", null).status()).isEqualTo(202);
        }
        assertThat(ca.post("/v1/ProductExport", null).status()).isEqualTo(429);
    }

    private int available(long id) {
        return ca.get("/v1/Products(" + id + ")").json().get("TotalAvailableQuantity").asInt();
    }
}
