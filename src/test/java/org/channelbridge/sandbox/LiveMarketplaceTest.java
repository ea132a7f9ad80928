package org.channelbridge.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With live orders switched on, the sandbox keeps creating orders over the products it has. */
class LiveMarketplaceTest extends SandboxTestBase {

    @Override
    void configure(SandboxSettings s) {
        s.liveOrdersPerMinute = 1200;
    }

    @Test
    void aMarketplaceWithoutProductsHasNoOrders() throws InterruptedException {
        Thread.sleep(500);
        assertThat(ca.all("/v1/Orders")).isEmpty();
    }

    @Test
    void newOrdersArriveOverTheKnownProducts() {
        ca.createProduct("{\"Sku\":\"LIVE-1\",\"Title\":\"Live\",\"RetailPrice\":5}");
        await().atMost(Duration.ofSeconds(5)).until(() -> ca.all("/v1/Orders?$filter="
                + SandboxClient.enc("Items/any(i: i/Sku eq 'LIVE-1')") + "&$expand=Items").size() >= 3);
        assertThat(ca.all("/v1/Products").get(0).get("LastSaleDateUtc").isNull()).isFalse();
    }
}
