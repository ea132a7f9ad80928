package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checklist 8.5: rate and concurrency limits, injected faults, size limits, stats. */
class LimitsAndFaultsContractTest extends SandboxTestBase {

    @Override
    void configure(SandboxSettings s) {
        s.requestsPerMinutePerProfile = 12;
        s.concurrentRequestsPerApplication = 2;
        s.maxUriLength = 600;
        s.maxBodyBytes = 10_000;
    }

    @Test
    void theProfileWindowAnswers429WithAShortBodyAndNoRetryAfter() {
        for (int i = 0; i < 12; i++) {
            assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
        }
        SandboxClient.Response r = ca.get("/v1/Products");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.body()).hasSizeLessThan(40);
        assertThat(r.header("Retry-After")).isNull();
        JsonNode stats = ca.admin("GET", "stats", null).json();
        assertThat(stats.at("/limits/highestPerMinuteByProfile/12345").asInt()).isEqualTo(12);
        assertThat(stats.at("/limits/rejected").asInt()).isEqualTo(1);
        assertThat(stats.get("tooManyRequestsSent").asInt()).isEqualTo(1);
        assertThat(stats.at("/requests/GET ~1v1~1Products/429").asInt()).isEqualTo(1);
    }

    @Test
    void retryAfterIsSentOnlyWhenEnabled() {
        ca.admin("POST", "faults", "{\"retryAfter\":7}");
        for (int i = 0; i < 12; i++) {
            ca.get("/v1/Products");
        }
        assertThat(ca.get("/v1/Products").header("Retry-After")).isEqualTo("7");
    }

    @Test
    void aBatchCountsItselfAndEachPart() {
        // 12 a minute: the first batch takes 7, the second 1 for itself and 4 of its 6 parts
        String body = "";
        for (int i = 1; i <= 6; i++) {
            body += "--b\r\nContent-Type: application/http\r\n\r\nGET /v1/Products HTTP/1.1\r\n\r\n";
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/$batch"))
                .header("Authorization", "Bearer " + ca.token).header("Accept", "application/json")
                .header("Content-Type", "multipart/mixed; boundary=b")
                .POST(HttpRequest.BodyPublishers.ofString(body + "--b--\r\n")).build();
        assertThat(ca.raw(req).status()).isEqualTo(200);
        SandboxClient.Response second = ca.raw(req);
        List<Integer> statuses = second.json().get("responses").findValues("status").stream().map(JsonNode::asInt).toList();
        assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
        assertThat(ca.get("/v1/Products").status()).isEqualTo(429);
    }

    @Test
    void moreConcurrentRequestsThanAllowedGet429() {
        ca.admin("POST", "faults", "{\"latencyMs\":400}");
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> ca.get("/v1/Products").status()));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).contains(429).contains(200);
        assertThat(ca.admin("GET", "stats", null).json().at("/limits/highestConcurrency/sandbox-app").asInt()).isEqualTo(2);
    }

    @Test
    void injectedStatusesHitOnlyTheNextMatchingRequests() {
        ca.admin("POST", "faults", "{\"next\":2,\"status\":429,\"retryAfter\":2,\"path\":\"/v1/Orders\"}");
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
        SandboxClient.Response first = ca.get("/v1/Orders");
        assertThat(first.status()).isEqualTo(429);
        assertThat(first.header("Retry-After")).isEqualTo("2");
        assertThat(ca.get("/v1/Orders").status()).isEqualTo(429);
        assertThat(ca.get("/v1/Orders").status()).isEqualTo(200);
        ca.admin("POST", "faults", "{\"next\":1,\"status\":503}");
        assertThat(ca.get("/v1/Orders").status()).isEqualTo(503);
        ca.admin("POST", "faults", "{\"next\":1,\"status\":406,\"path\":\"/v1/\\\\$batch\"}");
        assertThat(ca.get("/v1/Orders").status()).isEqualTo(200);
    }

    @Test
    void aResetFaultDropsTheConnection() {
        ca.admin("POST", "faults", "{\"next\":1,\"reset\":true}");
        // a POST, which no HTTP client repeats on its own after a dropped connection (Java's repeats a GET once)
        assertThatThrownBy(() -> ca.post("/v1/Products", "{\"Sku\":\"RESET-1\"}"))
                .isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
    }

    @Test
    void aMalformedJsonFaultAnswersBrokenJson() {
        ca.admin("POST", "faults", "{\"next\":1,\"malformedJson\":true}");
        SandboxClient.Response r = ca.get("/v1/Products");
        assertThat(r.status()).isEqualTo(200);
        assertThatThrownBy(r::json).isInstanceOf(AssertionError.class);
    }

    @Test
    void aRateFaultHitsSomeRequestsAndClearingStopsIt() {
        ca.admin("POST", "faults", "{\"rate\":1.0,\"status\":500}");
        assertThat(ca.get("/v1/Products").status()).isEqualTo(500);
        ca.admin("DELETE", "faults", null);
        assertThat(ca.get("/v1/Products").status()).isEqualTo(200);
    }

    @Test
    void overLongUriAndOverLargeBodyAreRefused() {
        assertThat(ca.get("/v1/Products?$filter=" + SandboxClient.enc("Sku eq '" + "x".repeat(700) + "'")).status()).isEqualTo(414);
        assertThat(ca.post("/v1/Products", "{\"Sku\":\"" + "y".repeat(20_000) + "\"}").status()).isEqualTo(413);
    }

    @Test
    void unknownFaultDescriptionsAreRefused() {
        SandboxClient.Response r = ca.raw(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/faults"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"next\":1}")).build());
        assertThat(r.status()).isEqualTo(400);
    }
}
