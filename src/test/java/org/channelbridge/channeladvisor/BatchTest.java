package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.channeladvisor.BatchPartResult.Outcome;
import org.channelbridge.channeladvisor.ScriptedChannelAdvisor.Reply;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "https://api.channeladvisor.com";

    private final List<BatchPart> parts = List.of(
            BatchPart.patch("sku-1", "Products(11)", JSON.createObjectNode().put("Title", "New title")),
            BatchPart.post("sku-2", "/v1/Products(12)/UpdateQuantity", json(
                    "{\"Value\":{\"UpdateType\":\"Absolute\",\"Updates\":[{\"DistributionCenterID\":0,\"Quantity\":5}]}}")),
            BatchPart.get("sku-3", "/v1/Products?$filter=Sku%20eq%20'x'&$select=ID"),
            BatchPart.delete("sku-4", "v1/Products(14)"));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** One inner request as read back from the written body, independently of our reader. */
    private record Inner(Map<String, String> partHeaders, String requestLine, Map<String, String> headers, String body) {
    }

    private static List<Inner> parseBack(BatchRequestWriter.Written written) {
        Matcher b = Pattern.compile("boundary=(.+)").matcher(written.contentType());
        assertThat(b.find()).isTrue();
        String boundary = b.group(1);
        String text = written.text();
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(text).endsWith("--" + boundary + "--\r\n");
        List<Inner> inners = new ArrayList<>();
        for (String chunk : text.split("--" + Pattern.quote(boundary) + "(--)?\r\n")) {
            if (chunk.isEmpty()) {
                continue;
            }
            String[] sections = chunk.split("\r\n\r\n", 3);
            String[] request = sections[1].split("\r\n");
            inners.add(new Inner(headers(sections[0].split("\r\n")), request[0],
                    headers(java.util.Arrays.copyOfRange(request, 1, request.length)),
                    sections.length > 2 ? sections[2].strip() : ""));
        }
        return inners;
    }

    private static Map<String, String> headers(String[] lines) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
        return headers;
    }

    @Test
    void theWrittenBatchReadsBackAsOneHttpRequestPerPart() {
        List<Inner> inners = parseBack(new BatchRequestWriter(API, 100).write(parts));

        assertThat(inners).hasSize(4);
        assertThat(inners).extracting(i -> i.partHeaders().get("Content-ID"))
                .containsExactly("sku-1", "sku-2", "sku-3", "sku-4");
        assertThat(inners).allSatisfy(i -> {
            assertThat(i.partHeaders()).containsEntry("Content-Type", "application/http")
                    .containsEntry("Content-Transfer-Encoding", "binary");
            assertThat(i.requestLine()).endsWith(" HTTP/1.1");
        });
        assertThat(inners).extracting(Inner::requestLine).containsExactly(
                "PATCH https://api.channeladvisor.com/v1/Products(11) HTTP/1.1",
                "POST https://api.channeladvisor.com/v1/Products(12)/UpdateQuantity HTTP/1.1",
                "GET https://api.channeladvisor.com/v1/Products?$filter=Sku%20eq%20'x'&$select=ID HTTP/1.1",
                "DELETE https://api.channeladvisor.com/v1/Products(14) HTTP/1.1");
        assertThat(inners.get(0).headers()).containsEntry("Content-Type", "application/json");
        assertThat(json(inners.get(0).body())).isEqualTo(json("{\"Title\":\"New title\"}"));
        assertThat(json(inners.get(1).body()).path("Value").path("Updates").get(0).path("Quantity").asInt()).isEqualTo(5);
        assertThat(inners.get(2).body()).isEmpty();
    }

    @Test
    void morePartsThanTheMaximumDuplicateIdsAndExportAreRefused() {
        BatchRequestWriter writer = new BatchRequestWriter(API, 3);

        assertThatThrownBy(() -> writer.write(parts)).hasMessageContaining("at most 3 parts");
        assertThatThrownBy(() -> writer.write(List.of(BatchPart.get("a", "Products(1)"), BatchPart.get("a", "Products(2)"))))
                .hasMessageContaining("share the id 'a'");
        assertThatThrownBy(() -> writer.write(List.of(BatchPart.post("o", "Orders(5)/Export", null))))
                .hasMessageContaining("does not allow /v1/Orders(5)/Export inside a $batch");
    }

    @Test
    void theJsonAnswerGivesEachPartItsOutcome() {
        CaResponse response = new CaResponse(200, Map.of("Content-Type", "application/json; odata.metadata=minimal"), ("""
                {"responses":[
                 {"id":"sku-2","status":429,"headers":{"Retry-After":"7"},"body":"TOO MANY REQUESTS"},
                 {"id":"sku-1","status":204,"headers":{}},
                 {"id":"sku-3","status":400,"headers":{"content-type":"application/json"},
                  "body":{"error":{"code":"","message":"Invalid filter."}}},
                 {"id":"sku-4","status":503,"headers":{},"body":{"$id":"1","Message":"Service unavailable"}}
                ]}""").getBytes(StandardCharsets.UTF_8));

        List<BatchPartResult> results = new BatchResponseReader(API).read(response, parts);

        assertThat(results).extracting(BatchPartResult::id).containsExactly("sku-1", "sku-2", "sku-3", "sku-4");
        assertThat(results).extracting(BatchPartResult::outcome)
                .containsExactly(Outcome.OK, Outcome.THROTTLED, Outcome.REJECTED, Outcome.TRANSIENT);
        assertThat(results.get(2).caMessage()).isEqualTo("Invalid filter.");
        assertThat(results.get(2).message()).contains("GET /v1/Products").contains("Invalid filter.");
        assertThat(((ChannelAdvisorThrottledException) results.get(1).failure()).retryAfterMillis()).isEqualTo(7000);
        assertThat(results.get(3).caMessage()).isEqualTo("Service unavailable");
        assertThatThrownBy(() -> results.get(2).orThrow()).isInstanceOf(ChannelAdvisorRejectedException.class);
    }

    @Test
    void aPartMissingFromTheAnswerIsTransient() {
        CaResponse response = new CaResponse(200, Map.of("Content-Type", "application/json"),
                "{\"responses\":[{\"id\":\"sku-1\",\"status\":200,\"body\":{\"ID\":11}}]}".getBytes(StandardCharsets.UTF_8));

        List<BatchPartResult> results = new BatchResponseReader(API).read(response, parts);

        assertThat(results.get(0).orThrow().path("ID").asInt()).isEqualTo(11);
        assertThat(results.subList(1, 4)).extracting(BatchPartResult::outcome).containsOnly(Outcome.TRANSIENT);
    }

    @Test
    void theMultipartAnswerIsReadTooChangesetsIncluded() {
        String body = String.join("\r\n",
                "--batchresponse_1",
                "Content-Type: application/http",
                "Content-Transfer-Encoding: binary",
                "Content-ID: sku-1",
                "",
                "HTTP/1.1 204 No Content",
                "",
                "",
                "--batchresponse_1",
                "Content-Type: multipart/mixed; boundary=changesetresponse_9",
                "",
                "--changesetresponse_9",
                "Content-Type: application/http",
                "Content-ID: sku-2",
                "",
                "HTTP/1.1 400 Bad Request",
                "Content-Type: application/json; odata.metadata=minimal",
                "",
                "{\"error\":{\"code\":\"\",\"message\":\"Unknown UpdateType.\"}}",
                "--changesetresponse_9--",
                "",
                "--batchresponse_1",
                "Content-Type: application/http",
                "Content-ID: sku-3",
                "",
                "HTTP/1.1 200 OK",
                "Content-Type: application/json",
                "",
                "{\"value\":[{\"ID\":13}]}",
                "--batchresponse_1",
                "Content-Type: application/http",
                "Content-ID: sku-4",
                "",
                "HTTP/1.1 401 Unauthorized",
                "Content-Type: application/json",
                "",
                "{\"error\":{\"code\":\"\",\"message\":\"Authorization has been denied for this request.\"}}",
                "--batchresponse_1--",
                "");
        CaResponse response = new CaResponse(200, Map.of("Content-Type", "multipart/mixed; boundary=batchresponse_1"),
                body.getBytes(StandardCharsets.UTF_8));

        List<BatchPartResult> results = new BatchResponseReader(API).read(response, parts);

        assertThat(results).extracting(BatchPartResult::status).containsExactly(204, 400, 200, 401);
        assertThat(results).extracting(BatchPartResult::outcome)
                .containsExactly(Outcome.OK, Outcome.REJECTED, Outcome.OK, Outcome.TRANSIENT);
        assertThat(results.get(1).caMessage()).isEqualTo("Unknown UpdateType.");
        assertThat(results.get(2).body().path("value").get(0).path("ID").asInt()).isEqualTo(13);
    }

    @Test
    void theClientSendsTheBatchAsksForJsonAndReturnsPerPartResults() throws Exception {
        try (ScriptedChannelAdvisor ca = new ScriptedChannelAdvisor();
             ChannelAdvisorClient client = ChannelAdvisorClient.create(CamelForTests.context(),
                     ca.settings().withBatchSize(4))) {
            ca.onAuthorized("POST", "/v1/$batch", r -> {
                List<Inner> inners = parseBack(new BatchRequestWriter.Written(r.header("Content-Type"),
                        r.body().getBytes(StandardCharsets.UTF_8)));
                StringBuilder answers = new StringBuilder();
                for (Inner inner : inners) {
                    String id = inner.partHeaders().get("Content-ID");
                    answers.append(answers.length() == 0 ? "" : ",")
                            .append("{\"id\":\"").append(id).append("\",\"status\":")
                            .append(inner.requestLine().startsWith("DELETE") ? 404 : 204).append(",\"headers\":{}}");
                }
                return Reply.json(200, "{\"responses\":[" + answers + "]}");
            });

            List<BatchPartResult> results = client.batch(parts);

            assertThat(results).extracting(BatchPartResult::outcome)
                    .containsExactly(Outcome.OK, Outcome.OK, Outcome.OK, Outcome.REJECTED);
            var sent = ca.requests("/v1/$batch").get(0);
            assertThat(sent.header("Accept")).isEqualTo("application/json");
            assertThat(sent.header("Content-Type")).startsWith("multipart/mixed; boundary=");
            assertThat(parseBack(new BatchRequestWriter.Written(sent.header("Content-Type"),
                    sent.body().getBytes(StandardCharsets.UTF_8))).get(0).requestLine())
                    .isEqualTo("PATCH " + ca.url() + "/v1/Products(11) HTTP/1.1");
            assertThatThrownBy(() -> client.batch(new ArrayList<>(List.of(parts.get(0), parts.get(1), parts.get(2),
                    parts.get(3), BatchPart.get("five", "Products(5)")))))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aThrottledBatchIsThrownAtOnceAndTheBatchSizeShrinks() throws Exception {
        try (ScriptedChannelAdvisor ca = new ScriptedChannelAdvisor();
             ChannelAdvisorClient client = ChannelAdvisorClient.create(CamelForTests.context(), ca.settings())) {
            ca.onAuthorized("POST", "/v1/$batch", r -> new Reply(429, Map.of(), "TOO MANY REQUESTS"));
            AdaptiveBatchSize size = new AdaptiveBatchSize(client.maxBatchSize());

            var error = catchThrowableOfType(ChannelAdvisorThrottledException.class, () -> client.batch(parts));
            size.throttled();

            assertThat(error.getMessage()).contains("POST /v1/$batch").contains("429");
            assertThat(ca.requests("/v1/$batch")).hasSize(1);
            assertThat(size.current()).isEqualTo(70);
        }
    }

    @Test
    void theAdaptiveSizeShrinksByAThirdToAFloorAndGrowsBack() {
        AdaptiveBatchSize size = new AdaptiveBatchSize(100);

        assertThat(List.of(size.throttled(), size.throttled(), size.throttled(), size.throttled(), size.throttled()))
                .containsExactly(70, 49, 34, 23, 20);
        assertThat(size.throttled()).isEqualTo(20);
        assertThat(List.of(size.succeeded(), size.succeeded())).containsExactly(30, 40);
        for (int i = 0; i < 20; i++) {
            size.succeeded();
        }
        assertThat(size.current()).isEqualTo(100);
        assertThat(new AdaptiveBatchSize(10).throttled()).isEqualTo(10);
    }
}
