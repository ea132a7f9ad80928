package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.ScriptedChannelAdvisor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ODataPagerTest {

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

    private static String page(String nextLink, int... ids) {
        StringBuilder value = new StringBuilder();
        for (int id : ids) {
            value.append(value.length() == 0 ? "" : ",").append("{\"ID\":").append(id).append(",\"Sku\":\"S").append(id)
                    .append("\"}");
        }
        return "{\"@odata.context\":\"https://api.channeladvisor.com/v1/$metadata#Products\",\"value\":[" + value + "]"
                + (nextLink == null ? "" : ",\"@odata.nextLink\":\"" + nextLink + "\"") + "}";
    }

    private List<Long> collect(String pathAndQuery) {
        List<Long> ids = new ArrayList<>();
        client.forEach(pathAndQuery, entity -> ids.add(entity.path("ID").asLong()));
        return ids;
    }

    @Test
    void everyNextLinkIsFollowedExactlyOnceWhetherAbsoluteOrRelative() {
        ca.onAuthorized("GET", "/v1/Products", r -> switch (String.valueOf(r.param("$skip"))) {
            case "null" -> Reply.json(200, page(ca.url() + "/v1/Products?$filter=Sku%20ne%20'x'&$skip=2", 1, 2));
            case "2" -> Reply.json(200, page("Products?$filter=Sku ne 'x'&$skip=4", 3, 4));
            case "4" -> Reply.json(200, page("/v1/Products?$skip=6", 5));
            default -> Reply.json(200, page(null));
        });

        List<Long> ids = collect("/v1/Products");

        assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ca.requests("/v1/Products")).extracting(r -> r.param("$skip"))
                .containsExactly(null, "2", "4", "6");
        assertThat(ca.requests("/v1/Products").get(2).param("$filter")).isEqualTo("Sku ne 'x'");
    }

    @Test
    void aPageRepeatingTheFirstOneEndsTheWalk() {
        ca.onAuthorized("GET", "/v1/Products", r -> r.param("$skip") == null
                ? Reply.json(200, page("/v1/Products?$skip=2", 1, 2))
                : Reply.json(200, page("/v1/Products?$skip=" + (Integer.parseInt(r.param("$skip")) + 2), 1, 2)));

        List<Long> ids = collect("/v1/Products");

        assertThat(ids).containsExactly(1L, 2L);
        assertThat(ca.requests("/v1/Products")).hasSize(2);
    }

    @Test
    void aNextLinkPointingBackEndsTheWalk() {
        ca.onAuthorized("GET", "/v1/Products", r -> r.param("$skip") == null
                ? Reply.json(200, page("/v1/Products?$skip=2", 1, 2))
                : Reply.json(200, page("/v1/Products?$skip=2", 3)));

        assertThat(collect("/v1/Products")).containsExactly(1L, 2L, 3L);
        assertThat(ca.requests("/v1/Products")).hasSize(2);
    }

    @Test
    void anAccessTokenInANextLinkIsReplacedByTheCurrentToken() {
        ca.onAuthorized("GET", "/v1/Orders", r -> r.param("$skip") == null
                ? Reply.json(200, page("/v1/Orders?access_token=stale-token&exported=false&$skip=20", 1))
                : Reply.json(200, page(null, 2)));

        assertThat(collect("/v1/Orders?exported=false")).containsExactly(1L, 2L);
        var second = ca.requests("/v1/Orders").get(1);
        assertThat(second.param("access_token")).isEqualTo("token-1");
        assertThat(second.param("exported")).isEqualTo("false");
    }

    @Test
    void theRealProductsPageIsStreamedAndItsNextLinkFollowed() {
        String fixture = ScriptedChannelAdvisor.fixture("products-page.json")
                .replace("https://api.channeladvisor.com", ca.url());
        ca.onAuthorized("GET", "/v1/Products", r -> r.param("$skip") == null ? Reply.json(200, fixture)
                : Reply.json(200, page(null, 6200300)));
        List<JsonNode> products = new ArrayList<>();

        long count = client.forEach("/v1/Products", products::add);

        assertThat(count).isEqualTo(3);
        assertThat(products.get(0).path("Sku").asText()).isEqualTo("72211");
        assertThat(products.get(0).path("RetailPrice").decimalValue()).isEqualByComparingTo("12.99");
        assertThat(ca.requests("/v1/Products").get(1).param("$skip")).isEqualTo("100");
    }

    @Test
    void aPageThatFailedForAPassingReasonIsReadAgainAfterItsBackOffWhileOtherCallsGoOn() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        ca.onAuthorized("GET", "/v1/Products", r -> reads.incrementAndGet() == 1 ? Reply.json(503, "{}")
                : Reply.json(200, page(null, 1, 2)));
        ca.onAuthorized("GET", "/v1/Orders", r -> Reply.json(200, page(null)));
        Duration backOff = Duration.ofMillis(400);
        // one call at a time: a page waiting out its back-off holds no slot, and no other call waits for it
        ChannelAdvisorClient one = ChannelAdvisorClient.create(CamelForTests.context(), ca.settings().withLimits(1000, 1),
                new ODataPager.PageRetry(2, backOff));
        java.util.concurrent.ExecutorService walker = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<List<Long>> walk = walker.submit(() -> {
                List<Long> ids = new ArrayList<>();
                one.forEach("/v1/Products", entity -> ids.add(entity.path("ID").asLong()));
                return ids;
            });
            org.awaitility.Awaitility.await().until(() -> reads.get() == 1);
            one.get("/v1/Orders");

            assertThat(walk.get()).containsExactly(1L, 2L);
        } finally {
            walker.shutdownNow();
            one.close();
        }
        List<Long> products = ca.requests("/v1/Products").stream().map(ScriptedChannelAdvisor.Request::atNanos).toList();
        long orders = ca.requests("/v1/Orders").get(0).atNanos();
        assertThat(products).hasSize(2);
        assertThat(products.get(1) - products.get(0)).isGreaterThanOrEqualTo(backOff.toNanos());
        assertThat(orders).isBetween(products.get(0), products.get(1));
        assertThat(one.budget().throttledCount()).as("a 5xx pauses no one else").isZero();
    }

    @Test
    void looseCharactersInALinkAreEncodedAndEscapesKept() {
        assertThat(ODataPager.uriText("/v1/Products?$filter=Sku eq 'a b'&x=%20"))
                .isEqualTo("/v1/Products?$filter=Sku%20eq%20'a%20b'&x=%20");
        assertThat(ODataPager.resolve("https://h/v1/Orders?$skip=0", "Orders?$skip=20"))
                .isEqualTo("https://h/v1/Orders?$skip=20");
    }

    @Test
    void pagesAreReadOnlyAsTheCallerAdvances() {
        ca.onAuthorized("GET", "/v1/Orders", r -> switch (String.valueOf(r.param("$skip"))) {
            case "null" -> Reply.json(200, page("/v1/Orders?exported=false&$skip=2", 1, 2));
            default -> Reply.json(200, page(null, 3));
        });

        java.util.Iterator<JsonNode> orders = client.orders("", "");

        assertThat(orders.next().path("ID").asLong()).isEqualTo(1);
        assertThat(orders.next().path("ID").asLong()).isEqualTo(2);
        assertThat(ca.requests("/v1/Orders")).hasSize(1);
        assertThat(orders.next().path("ID").asLong()).isEqualTo(3);
        assertThat(orders.hasNext()).isFalse();
        assertThat(ca.requests("/v1/Orders")).hasSize(2);
    }
}
