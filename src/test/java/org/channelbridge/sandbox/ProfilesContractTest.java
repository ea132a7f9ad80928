package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several profiles under one token (reference 1.4): a call acts in the profile its {@code profileid} query or the
 * {@code ProfileID} of its body names, by default in the first; each profile keeps its own catalog, orders,
 * uploads and FTP inbox.
 */
class ProfilesContractTest extends SandboxTestBase {
    private static final String UK = "profileid=12346";
    private static final String B = "batch_profiles";

    @Override
    void configure(SandboxSettings s) {
        s.applications.add(new SandboxSettings.Application("uk-app", "uk-secret", "uk-refresh", false, List.of(12346L)));
    }

    private static String skuFilter(String sku) {
        return "$filter=" + SandboxClient.enc("Sku eq '" + sku + "'");
    }

    @Test
    void productsCreatedInOneProfileAreNotVisibleInTheOther() {
        SandboxClient.Response created = ca.post("/v1/Products?" + UK, "{\"Sku\":\"ONLY-UK\",\"Title\":\"UK only\",\"ProfileID\":12346}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("ProfileID").asLong()).isEqualTo(12346);
        long ukId = created.json().get("ID").asLong();

        assertThat(ca.all("/v1/Products?profileid=12345&" + skuFilter("ONLY-UK"))).isEmpty();
        assertThat(ca.all("/v1/Products?" + skuFilter("ONLY-UK"))).as("no profileid: the first profile").isEmpty();
        assertThat(ca.get("/v1/Products(" + ukId + ")").status()).as("by ID, in the first profile").isEqualTo(404);
        assertThat(ca.get("/v1/Products/$count").body()).isEqualTo("0");
        assertThat(ca.all("/v1/Products?" + UK + "&" + skuFilter("ONLY-UK")))
                .extracting(p -> p.get("ID").asLong()).containsExactly(ukId);
        assertThat(ca.get("/v1/Products(" + ukId + ")?" + UK).json().get("Title").asText()).isEqualTo("UK only");
        assertThat(ca.get("/v1/Products/$count?" + UK).body()).isEqualTo("1");
    }

    @Test
    void aSkuIsUniquePerProfileAndIdsAreUniqueAcrossProfiles() {
        long us = ca.createProduct("{\"Sku\":\"MUG-1\",\"Title\":\"Mug\"}");
        SandboxClient.Response uk = ca.post("/v1/Products", "{\"Sku\":\"mug-1\",\"Title\":\"Mug (UK)\",\"ProfileID\":12346}");
        assertThat(uk.status()).as("the body's ProfileID picks the profile").isEqualTo(201);
        assertThat(uk.json().get("ID").asLong()).isNotEqualTo(us);
        assertThat(ca.post("/v1/Products?" + UK, "{\"Sku\":\"MUG-1\"}").status()).isEqualTo(400);
        assertThat(ca.get("/v1/Products(" + us + ")").json().get("Title").asText()).isEqualTo("Mug");
    }

    @Test
    void aQueryAndABodyThatNameDifferentProfilesAreRefused() {
        SandboxClient.Response r = ca.post("/v1/Products?profileid=12345", "{\"Sku\":\"X-1\",\"ProfileID\":12346}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).contains("12345").contains("12346");
        assertThat(ca.get("/v1/Products?profileid=twelve").status()).isEqualTo(400);
        assertThat(ca.all("/v1/Products?" + UK)).isEmpty();
        assertThat(ca.all("/v1/Products")).isEmpty();
    }

    @Test
    void aProfileTheTokenDoesNotCoverIsRefusedLikeAnyUnauthorisedCall() {
        SandboxClient.Response unknown = ca.get("/v1/Products?profileid=99999");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().at("/error/message").asText()).isEqualTo("Authorization has been denied for this request.");

        ca.login("uk-app", "uk-secret", "uk-refresh");
        assertThat(ca.post("/v1/Products", "{\"Sku\":\"UK-APP\"}").json().get("ProfileID").asLong())
                .as("without profileid, the first profile the token covers").isEqualTo(12346);
        assertThat(ca.get("/v1/Products?profileid=12345").status()).isEqualTo(401);
        assertThat(ca.post("/v1/Products", "{\"Sku\":\"UK-2\",\"ProfileID\":12345}").status()).isEqualTo(401);
        assertThat(ca.all("/v1/Profiles")).extracting(p -> p.get("ID").asLong()).containsExactly(12346L);
    }

    @Test
    void theDemoTokenListsBothProfiles() {
        assertThat(ca.all("/v1/Profiles")).extracting(p -> p.get("ID").asLong()).containsExactly(12345L, 12346L);
        assertThat(ca.all("/v1/DistributionCenters?" + UK).get(0).get("ProfileID").asLong()).isEqualTo(12346);
    }

    @Test
    void ordersSeededPerProfileAreListedOnlyInTheirProfile() {
        List<Long> uk = ca.seed("{\"count\":3,\"readyOnly\":true,\"profileId\":12346}");
        List<Long> us = ca.seed("{\"count\":2,\"readyOnly\":true}");

        assertThat(ca.all("/v1/Orders?" + UK + "&exported=false")).extracting(o -> o.get("ID").asLong())
                .containsExactlyInAnyOrderElementsOf(uk);
        assertThat(ca.all("/v1/Orders?" + UK)).allSatisfy(o -> assertThat(o.get("ProfileID").asLong()).isEqualTo(12346));
        assertThat(ca.all("/v1/Orders?exported=false")).extracting(o -> o.get("ID").asLong())
                .containsExactlyInAnyOrderElementsOf(us);
        assertThat(ca.get("/v1/Orders(" + uk.get(0) + ")").status()).isEqualTo(404);
        assertThat(ca.get("/v1/Orders/$count?" + UK).body()).isEqualTo("3");

        assertThat(ca.post("/v1/Orders(" + uk.get(0) + ")/Export?" + UK, null).status()).isEqualTo(204);
        assertThat(ca.all("/v1/Orders?" + UK + "&exported=false")).hasSize(2);
        assertThat(ca.all("/v1/Orders?exported=false")).hasSize(2);
        assertThat(ca.post("/v1/Orders(" + uk.get(1) + ")/Export", null).status()).as("not in the first profile")
                .isEqualTo(404);
    }

    @Test
    void shipmentsAndAdjustmentsActInTheOrdersProfile() {
        long uk = ca.seed("{\"count\":1,\"readyOnly\":true,\"profileId\":12346}").get(0);
        String ship = "{\"Value\":{\"ShippingCarrier\":\"UPS\",\"ShippingClass\":\"Ground\",\"TrackingNumber\":\"1Z1\"}}";
        assertThat(ca.post("/v1/Orders(" + uk + ")/Ship", ship).status()).isEqualTo(404);
        assertThat(ca.post("/v1/Orders(" + uk + ")/Ship?" + UK, ship).status()).isEqualTo(204);
        JsonNode order = ca.get("/v1/Orders(" + uk + ")?" + UK).json();
        assertThat(order.get("ShippingStatus").asText()).isEqualTo("Shipped");
        assertThat(order.at("/Fulfillments/0/ProfileID").asLong()).isEqualTo(12346);
        assertThat(ca.all("/v1/Fulfillments")).isEmpty();
        assertThat(ca.all("/v1/Fulfillments?" + UK)).hasSize(1);

        long item = order.at("/Items/0/ID").asLong();
        assertThat(ca.post("/v1/OrderItems(" + item + ")/Adjust", "{\"Quantity\":1}").status()).isEqualTo(404);
        assertThat(ca.post("/v1/OrderItems(" + item + ")/Adjust?" + UK, "{\"Quantity\":1}").status()).isEqualTo(204);
        assertThat(ca.get("/v1/Orders(" + uk + ")/Adjustments?" + UK).json().at("/value/0/ProfileID").asLong())
                .isEqualTo(12346);
    }

    @Test
    void theAdminSeedsOverTheProfilesOwnProductsAndRefusesAnUnknownProfile() {
        ca.post("/v1/Products?" + UK, "{\"Sku\":\"UK-SKU\",\"Title\":\"UK\"}");
        ca.createProduct("{\"Sku\":\"US-SKU\",\"Title\":\"US\"}");
        long id = ca.seed("{\"count\":1,\"readyOnly\":true,\"profileId\":12346}").get(0);
        assertThat(ca.get("/v1/Orders(" + id + ")?" + UK).json().at("/Items/0/Sku").asText()).isEqualTo("UK-SKU");

        SandboxClient.Response unknown = ca.raw(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\":1,\"profileId\":99999}")).build());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("message").asText()).contains("99999");
    }

    private String part(int id, String method, String url, String json) {
        return "--" + B + "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: " + id
                + "\r\n\r\n" + method + " " + url + " HTTP/1.1\r\n"
                + (json == null ? "\r\n" : "Content-Type: application/json\r\n\r\n" + json + "\r\n");
    }

    private JsonNode batch(String query, String body) {
        SandboxClient.Response r = ca.raw(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/$batch" + query))
                .header("Authorization", "Bearer " + ca.token).header("Accept", "application/json")
                .header("Content-Type", "multipart/mixed; boundary=" + B)
                .POST(HttpRequest.BodyPublishers.ofString(body + "--" + B + "--\r\n")).build());
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("responses");
    }

    @Test
    void aBatchUpdatesOnlyItsProfile() {
        long us = ca.createProduct("{\"Sku\":\"BAT-1\",\"Title\":\"Before\"}");
        long uk = ca.post("/v1/Products?" + UK, "{\"Sku\":\"BAT-1\",\"Title\":\"Before\"}").json().get("ID").asLong();

        JsonNode responses = batch("?" + UK, part(1, "PATCH", "/v1/Products(" + uk + ")", "{\"Title\":\"After\"}")
                + part(2, "PATCH", "/v1/Products(" + us + ")", "{\"Title\":\"After\"}")
                + part(3, "POST", "/v1/Products", "{\"Sku\":\"BAT-2\"}")
                + part(4, "GET", "/v1/Products?profileid=12345", null));
        assertThat(responses).extracting(x -> x.get("status").asInt()).containsExactly(204, 404, 201, 400);
        assertThat(responses.get(3).at("/body/error/message").asText()).contains("12345").contains("12346");
        assertThat(ca.get("/v1/Products(" + uk + ")?" + UK).json().get("Title").asText()).isEqualTo("After");
        assertThat(ca.get("/v1/Products(" + us + ")").json().get("Title").asText()).isEqualTo("Before");
        assertThat(ca.all("/v1/Products?" + UK)).extracting(p -> p.get("Sku").asText()).containsExactly("BAT-1", "BAT-2");
        assertThat(ca.all("/v1/Products")).extracting(p -> p.get("Sku").asText()).containsExactly("BAT-1");

        JsonNode inFirst = batch("", part(1, "PATCH", "/v1/Products(" + us + ")", "{\"Title\":\"Default\"}")
                + part(2, "PATCH", "/v1/Products(" + uk + ")?" + UK, "{\"Title\":\"Default\"}"));
        assertThat(inFirst).extracting(x -> x.get("status").asInt()).containsExactly(204, 400);
        assertThat(ca.get("/v1/Products(" + uk + ")?" + UK).json().get("Title").asText()).isEqualTo("After");
    }

    @Test
    void aProductUploadAppliesToItsProfileAndIsFollowedThere() {
        String file = "Inventory Number\tAuction Title\r\nUP-UK\tUploaded\r\n";
        SandboxClient.Response started = ca.post("/v1/ProductUpload?" + UK + "&templatecode=ChannelBridge&importtype=AddUpdate", file);
        assertThat(started.status()).isEqualTo(202);
        String token = started.json().get("Token").asText();
        assertThat(ca.get("/v1/ProductUpload?token=" + token).status()).as("polled in another profile").isEqualTo(404);
        JsonNode last = null;
        for (int i = 0; i < 3; i++) {
            last = ca.get("/v1/ProductUpload?token=" + token + "&" + UK).json();
        }
        assertThat(last.get("Status").asText()).isEqualTo("Complete");
        assertThat(ca.all("/v1/Products?" + UK)).extracting(p -> p.get("Sku").asText()).containsExactly("UP-UK");
        assertThat(ca.all("/v1/Products")).isEmpty();
    }

    @Test
    void eachProfileHasItsOwnFtpLoginAndInbox() throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.connect("127.0.0.1", sandbox.ftpPort());
        try {
            assertThat(ftp.login("sbxft2:sandbox", "sandbox")).isTrue();
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            assertThat(ftp.storeFile("/Inventory/uk.txt", new ByteArrayInputStream(
                    "Inventory Number\tAuction Title\nFTP-UK\tBy FTP\n".getBytes(StandardCharsets.UTF_8)))).isTrue();
        } finally {
            ftp.logout();
            ftp.disconnect();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ca.admin("GET", "ftp", null).json().at("/files").size() == 1);
        JsonNode file = ca.admin("GET", "ftp", null).json().at("/files/0");
        assertThat(file.get("profileId").asLong()).isEqualTo(12346);
        assertThat(file.get("status").asText()).isEqualTo("Processed");
        assertThat(ca.all("/v1/Products?" + UK)).extracting(p -> p.get("Sku").asText()).containsExactly("FTP-UK");
        assertThat(ca.all("/v1/Products")).isEmpty();
    }

    @Test
    void statsKeepTheirTotalsAndBreakThemDownByProfile() {
        ca.createProduct("{\"Sku\":\"S-1\"}");
        ca.post("/v1/Products?" + UK, "{\"Sku\":\"S-1\"}");
        ca.post("/v1/Products?" + UK, "{\"Sku\":\"S-2\"}");
        ca.seed("{\"count\":4,\"profileId\":12346}");
        JsonNode stats = ca.admin("GET", "stats", null).json();
        assertThat(stats.get("products").asInt()).isEqualTo(3);
        assertThat(stats.at("/orders/total").asInt()).isEqualTo(4);
        assertThat(stats.at("/profiles/12345/products").asInt()).isEqualTo(1);
        assertThat(stats.at("/profiles/12346/products").asInt()).isEqualTo(2);
        assertThat(stats.at("/profiles/12346/orders/total").asInt()).isEqualTo(4);
        assertThat(stats.at("/profiles/12345/orders/total").asInt()).isZero();
        assertThat(stats.at("/limits/highestPerMinuteByProfile/12346").asInt()).isEqualTo(2);
        assertThat(ca.admin("GET", "products?profileId=12346", null).json().get("value")).hasSize(2);
        assertThat(ca.admin("GET", "products", null).json().get("value")).hasSize(3);
    }

    @Test
    void revokingOneApplicationLeavesTheOthersTokensWorking() {
        SandboxClient uk = new SandboxClient(sandbox.baseUrl());
        uk.login("uk-app", "uk-secret", "uk-refresh");
        ca.admin("POST", "tokens/revoke", "{\"applicationId\":\"uk-app\"}");
        assertThat(uk.get("/v1/Products").status()).isEqualTo(401);
        assertThat(uk.tokenRequest("uk-app", "uk-secret", "grant_type=refresh_token&refresh_token=uk-refresh").status())
                .isEqualTo(400);
        assertThat(ca.get("/v1/Products?" + UK).status()).isEqualTo(200);
        assertThat(ca.tokenRequest("sandbox-app", "sandbox-secret",
                "grant_type=refresh_token&refresh_token=sandbox-refresh-token").status()).isEqualTo(200);
    }

    @Test
    void anAdjustmentFaultNamingAProfileEndsOnlyThatProfilesAdjustment() {
        long us = ca.seed("{\"count\":1,\"readyOnly\":true}").get(0);
        long uk = ca.seed("{\"count\":1,\"readyOnly\":true,\"profileId\":12346}").get(0);
        ca.admin("POST", "faults", "{\"next\":1,\"adjustmentStatus\":\"Error\",\"profileId\":12346}");
        assertThat(ca.post("/v1/Orders(" + us + ")/Adjust", "{}").status()).isEqualTo(204);
        assertThat(ca.post("/v1/Orders(" + uk + ")/Adjust?" + UK, "{}").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> ca.admin("GET", "stats", null).json()
                .at("/orders/adjustmentsInProgress").asInt() == 0);
        assertThat(ca.get("/v1/Orders(" + us + ")/Adjustments").json().at("/value/0/RequestStatus").asText())
                .isEqualTo("PostProcessingComplete");
        assertThat(ca.get("/v1/Orders(" + uk + ")/Adjustments?" + UK).json().at("/value/0/RequestStatus").asText())
                .isEqualTo("Error");
    }
}
