package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.channeladvisor.ScriptedChannelAdvisor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ChannelAdvisorClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptedChannelAdvisor ca;
    private ChannelAdvisorClient client;

    @BeforeEach
    void start() throws Exception {
        ca = new ScriptedChannelAdvisor();
        client = ChannelAdvisorClient.create(CamelForTests.context(), ca.settings());
    }

    @AfterEach
    void stop() {
        client.close();
        ca.close();
    }

    @Test
    void getReturnsTheJsonChannelAdvisorSentWithABearerToken() {
        ca.onAuthorized("GET", "/v1/Products", r -> Reply.json(200, ScriptedChannelAdvisor.fixture("products-page.json")));

        JsonNode page = client.get("/v1/Products");

        assertThat(page.path("value").get(0).path("Sku").asText()).isEqualTo("72211");
        assertThat(ca.requests("/v1/Products").get(0).header("Authorization")).isEqualTo("Bearer token-1");
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallRetried() {
        ca.onAuthorized("GET", "/v1/Orders(7)", r -> Reply.json(200, "{\"ID\":7}"));
        client.get("/v1/Orders(7)");
        ca.expireTokens();

        JsonNode order = client.get("/v1/Orders(7)");

        assertThat(order.path("ID").asInt()).isEqualTo(7);
        assertThat(ca.tokensIssued()).isEqualTo(2);
        assertThat(ca.requests("/v1/Orders(7)")).extracting(ScriptedChannelAdvisor.Request::bearer)
                .containsExactly("token-1", "token-1", "token-2");
    }

    @Test
    void aSecond401AfterAFreshTokenIsAnAuthenticationErrorWithoutTheToken() {
        ca.on("POST", "/v1/Orders(7)/Export", r -> Reply.unauthorized());

        var error = catchThrowableOfType(ChannelAdvisorAuthenticationException.class, () -> client.exportOrder(7));

        assertThat(error.getMessage()).contains("POST /v1/Orders(7)/Export")
                .contains("Authorization has been denied for this request.")
                .doesNotContain("token-1").doesNotContain("token-2");
        assertThat(error.isTransient()).isFalse();
        assertThat(ca.requests("/v1/Orders(7)/Export")).hasSize(2);
    }

    @Test
    void a429WithRetryAfterSurfacesAtOnceAsThrottled() {
        ca.onAuthorized("GET", "/v1/Orders", r -> Reply.json(429, "{\"error\":{\"code\":\"\",\"message\":\"Too many requests\"}}")
                .with("Retry-After", "3600"));

        var error = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                catchThrowableOfType(ChannelAdvisorThrottledException.class, () -> client.get("/v1/Orders")));

        assertThat(error.retryAfter()).contains(Duration.ofHours(1));
        assertThat(error.isTransient()).isTrue();
        assertThat(error.status()).isEqualTo(429);
        assertThat(ca.requests("/v1/Orders")).hasSize(1);
        assertThat(client.budget().throttledCount()).isEqualTo(1);
    }

    @Test
    void a429WithoutRetryAfterIsThrottledWithNoRetryAfter() {
        ca.onAuthorized("GET", "/v1/Orders", r -> new Reply(429, java.util.Map.of("Content-Type", "text/plain"),
                "TOO MANY REQUESTS"));

        var error = catchThrowableOfType(ChannelAdvisorThrottledException.class, () -> client.get("/v1/Orders"));

        assertThat(error.retryAfter()).isEmpty();
        assertThat(error.retryAfterMillis()).isEqualTo(-1);
        assertThat(error.caMessage()).isEqualTo("TOO MANY REQUESTS");
        assertThat(ca.requests("/v1/Orders")).hasSize(1);
    }

    @Test
    void serverErrorsAnd406AreUnavailableAndTransient() {
        ca.onAuthorized("GET", "/v1/Orders", r -> Reply.json(503, "{\"error\":{\"code\":\"\",\"message\":\"Service down\"}}"));
        ca.onAuthorized("POST", "/v1/$batch", r -> Reply.empty(406));

        var down = catchThrowableOfType(ChannelAdvisorUnavailableException.class, () -> client.get("/v1/Orders"));
        var notAcceptable = catchThrowableOfType(ChannelAdvisorUnavailableException.class,
                () -> client.batch(List.of(BatchPart.get("1", "Products(1)"))));

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.isTransient()).isTrue();
        assertThat(down.getMessage()).contains("GET /v1/Orders").contains("503").contains("Service down");
        assertThat(notAcceptable.status()).isEqualTo(406);
        assertThat(ca.requests("/v1/Orders")).hasSize(1);
    }

    @Test
    void a400IsRejectedWithChannelAdvisorsMessage() {
        ca.onAuthorized("POST", "/v1/Orders(9)/Ship", r -> Reply.json(400,
                "{\"error\":{\"code\":\"\",\"message\":\"Shipping carrier 'Pigeon' is not valid for this account.\"}}"));
        ObjectNode value = JSON.createObjectNode().put("ShippingCarrier", "Pigeon");

        var error = catchThrowableOfType(ChannelAdvisorRejectedException.class, () -> client.shipOrder(9, value));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.isTransient()).isFalse();
        assertThat(error.caMessage()).isEqualTo("Shipping carrier 'Pigeon' is not valid for this account.");
        assertThat(error.getMessage()).isEqualTo("ChannelAdvisor rejected POST /v1/Orders(9)/Ship (HTTP 400): "
                + "Shipping carrier 'Pigeon' is not valid for this account.");
    }

    @Test
    void anUnroutablePathIsRejectedWithTheWebApiStyleMessage() {
        var error = catchThrowableOfType(ChannelAdvisorRejectedException.class, () -> client.get("/v1/Products6200201)"));

        assertThat(error.status()).isEqualTo(404);
        assertThat(error.caMessage()).startsWith("No HTTP resource was found that matches the request URI");
    }

    @Test
    void noAnswerAtAllIsUnavailable() throws Exception {
        ScriptedChannelAdvisor gone = new ScriptedChannelAdvisor();
        String url = gone.url();
        gone.close();
        ChannelAdvisorClient unreachable = ChannelAdvisorClient.create(CamelForTests.context(),
                ChannelAdvisorSettings.of(url, "sandbox-app", "sandbox-secret", "sandbox-refresh-token", 1));
        try {
            var error = catchThrowableOfType(ChannelAdvisorUnavailableException.class, () -> unreachable.get("/v1/Orders"));
            assertThat(error.status()).isZero();
            assertThat(error.isTransient()).isTrue();
            assertThat(error.getMessage()).contains("could not be reached").doesNotContain("sandbox-secret");
        } finally {
            unreachable.close();
        }
    }

    @Test
    void anHttpsApiUrlIsSpokenToOverTls() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var firstByte = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (java.net.Socket socket = listener.accept()) {
                    return socket.getInputStream().read();
                } catch (java.io.IOException e) {
                    return -1;
                }
            });
            ChannelAdvisorClient tls = ChannelAdvisorClient.create(CamelForTests.context(),
                    ChannelAdvisorSettings.of("https://127.0.0.1:" + listener.getLocalPort(), "sandbox-app",
                            "sandbox-secret", "sandbox-refresh-token", 1)
                            .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(500)));
            try {
                assertThatThrownBy(() -> tls.get("/v1/Orders")).isInstanceOf(ChannelAdvisorUnavailableException.class);
                // 0x16 opens a TLS handshake record; a plain HTTP request would start with 'P' of POST
                assertThat(firstByte.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(0x16);
            } finally {
                tls.close();
            }
        }
    }

    @Test
    void aSlowAnswerTimesOutAsUnavailable() {
        client.close();
        client = ChannelAdvisorClient.create(CamelForTests.context(),
                ca.settings().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
        ca.onAuthorized("GET", "/v1/Orders", r -> {
            ScriptedChannelAdvisor.sleep(1500);
            return Reply.json(200, "{\"value\":[]}");
        });

        var error = catchThrowableOfType(ChannelAdvisorUnavailableException.class, () -> client.get("/v1/Orders"));

        assertThat(error.getMessage()).contains("did not answer in time");
        assertThat(ca.requests("/v1/Orders")).hasSize(1);
    }

    @Test
    void forEachOrderAsksForUnexportedOrdersWithTheFilterAndExpand() {
        ca.onAuthorized("GET", "/v1/Orders", r -> Reply.json(200,
                "{\"value\":[{\"ID\":1},{\"ID\":2,\"Items@odata.nextLink\":\"x\"}]}"));
        List<JsonNode> orders = new ArrayList<>();

        long count = client.forEachOrder("ShippingStatus eq 'Unshipped' and PaymentStatus eq 'Cleared'",
                "Items,Fulfillments", orders::add);

        assertThat(count).isEqualTo(2);
        var request = ca.requests("/v1/Orders").get(0);
        assertThat(request.param("exported")).isEqualTo("false");
        assertThat(request.param("$filter")).isEqualTo("ShippingStatus eq 'Unshipped' and PaymentStatus eq 'Cleared'");
        assertThat(request.param("$expand")).isEqualTo("Items,Fulfillments");
        assertThat(ChannelAdvisorClient.hasTruncatedCollections(orders.get(0))).isFalse();
        assertThat(ChannelAdvisorClient.hasTruncatedCollections(orders.get(1))).isTrue();
    }

    @Test
    void getOrderExpandsEverything() {
        ca.onAuthorized("GET", "/v1/Orders(42)", r -> Reply.json(200, "{\"ID\":42,\"Items\":[]}"));

        assertThat(client.getOrder(42).path("ID").asInt()).isEqualTo(42);
        assertThat(ca.requests("/v1/Orders(42)").get(0).param("$expand"))
                .isEqualTo(ChannelAdvisorClient.FULL_ORDER_EXPAND);
    }

    @Test
    void exportShipAndAdjustPostToTheirActions() throws Exception {
        ca.onAuthorized("POST", "/v1/Orders(5)/Export", r -> Reply.empty(204));
        ca.onAuthorized("POST", "/v1/Orders(5)/Ship", r -> Reply.empty(204));
        ca.onAuthorized("POST", "/v1/Orders(5)/Adjust", r -> Reply.empty(204));
        ca.onAuthorized("POST", "/v1/OrderItems(51)/Adjust", r -> Reply.empty(204));

        client.exportOrder(5);
        client.shipOrder(5, JSON.createObjectNode().put("TrackingNumber", "1Z999").put("SellerFulfillmentID", "S-1"));
        client.adjustOrder(5, JSON.createObjectNode().put("Reason", "BuyerCancelled"));
        client.adjustOrderItem(51, JSON.createObjectNode().put("Quantity", 1).put("SellerAdjustmentID", "A-1"));

        assertThat(ca.requests("/v1/Orders(5)/Export").get(0).body()).isEmpty();
        assertThat(JSON.readTree(ca.requests("/v1/Orders(5)/Ship").get(0).body()))
                .isEqualTo(JSON.readTree("{\"Value\":{\"TrackingNumber\":\"1Z999\",\"SellerFulfillmentID\":\"S-1\"}}"));
        assertThat(ca.requests("/v1/Orders(5)/Ship").get(0).header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(ca.requests("/v1/Orders(5)/Adjust").get(0).body()).path("Reason").asText())
                .isEqualTo("BuyerCancelled");
        assertThat(JSON.readTree(ca.requests("/v1/OrderItems(51)/Adjust").get(0).body()).path("Quantity").asInt())
                .isEqualTo(1);
    }

    @Test
    void patchAndDeleteReachChannelAdvisorWithTheirBodies() throws Exception {
        ca.onAuthorized("PATCH", "/v1/Products(11)", r -> Reply.empty(204));
        ca.onAuthorized("DELETE", "/v1/Orders(5)/Export", r -> Reply.empty(204));

        CaResponse patched = client.send("PATCH", "/v1/Products(11)", JSON.createObjectNode().put("Title", "New"));
        client.send("delete", "/v1/Orders(5)/Export", null);

        assertThat(patched.status()).isEqualTo(204);
        assertThat(JSON.readTree(ca.requests("/v1/Products(11)").get(0).body()).path("Title").asText()).isEqualTo("New");
        assertThat(ca.requests("/v1/Orders(5)/Export").get(0).method()).isEqualTo("DELETE");
    }

    @Test
    void findProductBySkuQuotesTheSkuAndSelectsOnlyIdAndSku() {
        ca.onAuthorized("GET", "/v1/Products", r -> r.param("$filter").equals("Sku eq 'O''Brien & Sons'")
                ? Reply.json(200, "{\"value\":[{\"ID\":6200108,\"Sku\":\"O'Brien & Sons\"}]}")
                : Reply.json(200, "{\"value\":[]}"));

        assertThat(client.findProductBySku("O'Brien & Sons")).contains(6200108L);
        assertThat(client.findProductBySku("nothing")).isEmpty();
        assertThat(ca.requests("/v1/Products").get(0).param("$select")).isEqualTo("ID,Sku");
    }

    @Test
    void createProductReturnsTheNewIdAndAddsTheProfile() throws Exception {
        ca.onAuthorized("POST", "/v1/Products", r -> Reply.json(201, "{\"ID\":777,\"Sku\":\"A-1\"}"));

        long id = client.createProduct(JSON.createObjectNode().put("Sku", "A-1").put("Title", "A one"));

        assertThat(id).isEqualTo(777);
        JsonNode sent = JSON.readTree(ca.requests("/v1/Products").get(0).body());
        assertThat(sent.path("ProfileID").asLong()).isEqualTo(12345);
        assertThat(sent.path("Sku").asText()).isEqualTo("A-1");
    }
}
