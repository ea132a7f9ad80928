package org.channelbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checklist 8.4: multipart $batch requests and both answer formats. */
class BatchContractTest extends SandboxTestBase {
    private static final String B = "batch_test";

    private String part(int id, String method, String url, String json) {
        return "--" + B + "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: " + id
                + "\r\n\r\n" + method + " " + url + " HTTP/1.1\r\n"
                + (json == null ? "\r\n" : "Content-Type: application/json\r\n\r\n" + json + "\r\n");
    }

    private SandboxClient.Response batch(String body, boolean json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/$batch"))
                .header("Authorization", "Bearer " + ca.token)
                .header("Content-Type", "multipart/mixed; boundary=" + B)
                .POST(HttpRequest.BodyPublishers.ofString(body + "--" + B + "--\r\n"));
        if (json) {
            b.header("Accept", "application/json");
        }
        return ca.raw(b.build());
    }

    @Test
    void partsRunInOrderAndTheJsonAnswerCarriesEachResponse() {
        ca.createProduct("{\"Sku\":\"B-1\"}");
        String body = part(1, "POST", sandbox.baseUrl() + "/v1/Products", "{\"Sku\":\"B-2\",\"Title\":\"made in a batch\"}")
                + part(2, "GET", "/v1/Products?$filter=Sku%20eq%20'B-2'", null)
                + part(3, "GET", "Products?$filter=Sku%20eq%20'B-1'", null);
        SandboxClient.Response r = batch(body, true);
        assertThat(r.status()).isEqualTo(200);
        JsonNode responses = r.json().get("responses");
        assertThat(responses).extracting(x -> x.get("id").asText()).containsExactly("1", "2", "3");
        assertThat(responses.get(0).get("status").asInt()).isEqualTo(201);
        assertThat(responses.get(1).get("body").get("value").get(0).get("Title").asText()).isEqualTo("made in a batch");
        assertThat(responses.get(2).get("body").get("value").get(0).get("Sku").asText()).isEqualTo("B-1");
        assertThat(responses.get(1).get("headers").get("odata-version").asText()).isEqualTo("4.0");
    }

    @Test
    void withoutJsonAcceptedTheAnswerIsMultipart() {
        ca.createProduct("{\"Sku\":\"B-1\"}");
        SandboxClient.Response r = batch(part(1, "GET", "/v1/Products", null), false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("multipart/mixed; boundary=batchresponse_");
        assertThat(r.body()).contains("HTTP/1.1 200 OK").contains("\"Sku\":\"B-1\"");
    }

    @Test
    void failedPartsLeaveTheBatchStatus200() {
        SandboxClient.Response r = batch(part(1, "GET", "/v1/Products(999)", null)
                + part(2, "PATCH", "/v1/Products(999)", "{\"Title\":\"x\"}"), true);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("responses")).extracting(x -> x.get("status").asInt()).containsExactly(404, 404);
    }

    @Test
    void aFaultAimedAtAnInnerPathHitsThatPartOnly() {
        ca.createProduct("{\"Sku\":\"B-1\"}");
        ca.admin("POST", "faults", "{\"next\":1,\"status\":500,\"path\":\"/v1/Orders\"}");
        SandboxClient.Response r = batch(part(1, "GET", "/v1/Products", null) + part(2, "GET", "/v1/Orders", null), true);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("responses")).extracting(x -> x.get("status").asInt()).containsExactly(200, 500);
    }

    @Test
    void moreThanTheLimitOfPartsIsRefused() {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 101; i++) {
            body.append(part(i, "GET", "/v1/Products", null));
        }
        assertThat(batch(body.toString(), true).status()).isEqualTo(400);
    }

    @Test
    void exportAndAliasedPathsAreRefusedInsideABatch() {
        long orderId = ca.seed("{\"count\":1,\"readyOnly\":true}").get(0);
        long productId = ca.createProduct("{\"Sku\":\"B-3\"}");
        SandboxClient.Response r = batch(part(1, "POST", "/v1/Orders(" + orderId + ")/Export", null)
                + part(2, "PUT", "/v1/Products(" + productId + ")/Attributes('Color')", "{\"Value\":\"Red\"}")
                + part(3, "POST", "/v1/AttributeValues", "{\"ProductID\":" + productId + ",\"Name\":\"Color\",\"Value\":\"Red\"}"), true);
        List<Integer> statuses = r.json().get("responses").findValues("status").stream().map(JsonNode::asInt).toList();
        assertThat(statuses).containsExactly(400, 400, 201);
        assertThat(ca.all("/v1/Orders?exported=false")).hasSize(1);
    }

    @Test
    void batchWithoutABoundaryIsRefused() {
        SandboxClient.Response r = ca.raw(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/$batch"))
                .header("Authorization", "Bearer " + ca.token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(r.status()).isEqualTo(400);
    }
}
