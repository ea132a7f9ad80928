package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reference 6.3 with two profiles: each profile has its own requests-a-minute window and its own concurrent slots,
 * while the window of the source IP counts the calls of every profile together.
 */
class ProfileLimitsContractTest extends SandboxTestBase {

    @Override
    void configure(SandboxSettings s) {
        s.requestsPerMinutePerProfile = 4;
        // the token request of each test counts here too: 1 + 4 + 1 refused + 3
        s.requestsPerMinutePerIp = 9;
        s.concurrentRequestsPerApplication = 1;
    }

    @Test
    void eachProfileHasItsOwn429BudgetWhileTheIpLimitIsShared() {
        for (int i = 0; i < 4; i++) {
            assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
        }
        assertThat(ca.get("/v1/Products").status()).as("the first profile's minute is used up").isEqualTo(429);
        for (int i = 0; i < 3; i++) {
            assertThat(ca.get("/v1/Products?profileid=12346").status()).as("the second profile's own budget").isEqualTo(200);
        }
        assertThat(ca.get("/v1/Products?profileid=12346").status())
                .as("3 of its 4 used, but the IP's minute is used up by both profiles together").isEqualTo(429);
        JsonNode stats = ca.admin("GET", "stats", null).json();
        assertThat(stats.at("/limits/highestPerMinuteByProfile/12345").asInt()).isEqualTo(4);
        assertThat(stats.at("/limits/highestPerMinuteByProfile/12346").asInt()).isEqualTo(3);
        assertThat(stats.at("/limits/rejected").asInt()).isEqualTo(2);
    }

    @Test
    void eachProfileHasItsOwnConcurrentSlots() {
        ca.admin("POST", "faults", "{\"latencyMs\":600}");
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        calls.add(CompletableFuture.supplyAsync(() -> ca.get("/v1/Products").status()));
        calls.add(CompletableFuture.supplyAsync(() -> ca.get("/v1/Products?profileid=12346").status()));
        assertThat(calls.stream().map(CompletableFuture::join).toList()).as("one slot each, both served").containsExactly(200, 200);
        JsonNode stats = ca.admin("GET", "stats", null).json();
        assertThat(stats.at("/limits/highestConcurrency/sandbox-app").asInt()).as("highest in one profile").isEqualTo(1);
        assertThat(stats.at("/profiles/12345/limits/highestConcurrency/sandbox-app").asInt()).isEqualTo(1);
        assertThat(stats.at("/profiles/12346/limits/highestConcurrency/sandbox-app").asInt()).isEqualTo(1);
    }

    @Test
    void aFaultNamingAProfileHitsOnlyThatProfile() {
        ca.admin("POST", "faults", "{\"next\":2,\"status\":503,\"profileId\":12346}");
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
        assertThat(ca.get("/v1/Products?profileid=12346").status()).isEqualTo(503);
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
        assertThat(ca.get("/v1/Products?profileid=12346").status()).isEqualTo(503);
        assertThat(ca.get("/v1/Products?profileid=12346").status()).isEqualTo(200);
    }
}
