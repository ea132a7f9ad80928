package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.nio.charset.StandardCharsets;

/**
 * What became of one part of a {@code $batch}: its status, body and the outcome a flow acts on. A failed part
 * carries the same exception a single call would have thrown, so {@link #orThrow()} lets the route's
 * {@code onException} clauses treat the item exactly as if it had been sent alone.
 */
public record BatchPartResult(BatchPart part, int status, JsonNode body, Outcome outcome,
                              ChannelAdvisorException failure) {

    /** What the flow does with the part. */
    public enum Outcome {
        /** Done; nothing more to do. */
        OK,
        /** ChannelAdvisor refused this part for good: dead-letter the item with {@link #message()}. */
        REJECTED,
        /** Try the part again later (5xx, 406, an inner 401, or no answer for it). */
        TRANSIENT,
        /** ChannelAdvisor throttled the part: send it again in a smaller batch after a pause. */
        THROTTLED
    }

    static BatchPartResult of(BatchPart part, int status, String retryAfter, JsonNode body, String apiUrl) {
        JsonNode content = body == null ? MissingNode.getInstance() : body;
        if (status >= 200 && status < 300) {
            return new BatchPartResult(part, status, content, Outcome.OK, null);
        }
        String url = apiUrl + part.apiPath();
        byte[] raw = content.isMissingNode() ? new byte[0]
                : (content.isTextual() ? content.asText() : content.toString())
                        .getBytes(StandardCharsets.UTF_8);
        ChannelAdvisorException failure;
        if (status == 401) {
            // inside a batch a 401 means the shared token went stale mid-way: a later try with a fresh one heals it
            String said = ErrorClassifier.caMessage(raw);
            failure = new ChannelAdvisorUnavailableException("ChannelAdvisor denied authorization for "
                    + ErrorClassifier.describe(part.method(), url) + " inside a $batch (HTTP 401)"
                    + (said.isEmpty() ? "." : ": " + said), status, said, null);
        } else {
            failure = ErrorClassifier.classify(part.method(), url, status, retryAfter, raw);
        }
        Outcome outcome = failure instanceof ChannelAdvisorThrottledException ? Outcome.THROTTLED
                : failure.isTransient() ? Outcome.TRANSIENT : Outcome.REJECTED;
        return new BatchPartResult(part, status, content, outcome, failure);
    }

    static BatchPartResult missing(BatchPart part, String apiUrl) {
        String said = "the batch answer held no response for this part";
        return new BatchPartResult(part, 0, MissingNode.getInstance(), Outcome.TRANSIENT,
                new ChannelAdvisorUnavailableException("ChannelAdvisor did not answer "
                        + ErrorClassifier.describe(part.method(), apiUrl + part.apiPath()) + " inside a $batch: "
                        + said + ".", 0, said, null));
    }

    public boolean isOk() {
        return outcome == Outcome.OK;
    }

    public String id() {
        return part.id();
    }

    /** The readable reason of a failed part (empty when OK). */
    public String message() {
        return failure == null ? "" : failure.getMessage();
    }

    /** ChannelAdvisor's own words for a failed part (empty when OK or when it said nothing). */
    public String caMessage() {
        return failure == null ? "" : failure.caMessage();
    }

    /** The body of a successful part; the classified exception of a failed one. */
    public JsonNode orThrow() {
        if (failure != null) {
            throw failure;
        }
        return body;
    }
}
