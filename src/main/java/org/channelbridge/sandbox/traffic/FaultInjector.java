package org.channelbridge.sandbox.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.odata.CaFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Faults a test asks for through {@code POST /sandbox/faults} (items 6 and 32). A fault applies to the next N
 * matching requests (by path, method and profile), or to a random share of them, and then either answers with a status, drops the
 * connection, answers with broken JSON or delays the request. A fault with only latency/jitter changes the
 * standing latency; one with only {@code retryAfter} makes the rate limiter's 429s carry {@code Retry-After}.
 */
public final class FaultInjector {
    /** ChannelAdvisor's adjustment RequestStatus values (reference 3.4); a fault may end an adjustment in any of them. */
    static final java.util.List<String> REQUEST_STATUSES = java.util.List.of("SubmittedNotProcessed", "NewRma",
            "PendingApproval", "ProcessingApproval", "ReadyForReturn", "PendingReturn", "ProcessingReturn",
            "PendingRejection", "ProcessingRejection", "ProcessedNotAcknowledged", "PendingReturnRejection",
            "ProcessingReturnRejection", "AcknowledgedPostProcessingNotComplete", "PostProcessingComplete",
            "RejectionCompleted", "InformationOnly", "NoChange", "Error");


    /** What to do to one request. */
    public record Fault(int status, Integer retryAfter, boolean reset, boolean malformedJson, long delayMillis,
                        String adjustmentStatus) {
    }

    private static final class Rule {
        Pattern path;
        String method;
        Long profileId;
        int remaining;
        double rate;
        Fault fault;
        JsonNode source;
    }

    private final List<Rule> rules = new ArrayList<>();
    private volatile long latencyMillis;
    private volatile long jitterMillis;
    private volatile Integer limiterRetryAfter;

    public FaultInjector(long latencyMillis, long jitterMillis) {
        this.latencyMillis = latencyMillis;
        this.jitterMillis = jitterMillis;
    }

    /** Adds a fault from its JSON description; answers a message when the description is not usable. */
    public synchronized String add(JsonNode d) {
        if (!d.isObject()) {
            return "a fault is a JSON object";
        }
        boolean counted = d.has("next") || d.has("rate");
        if (!counted) {
            if (d.has("latencyMs") || d.has("jitterMs")) {
                latencyMillis = d.path("latencyMs").asLong(latencyMillis);
                jitterMillis = d.path("jitterMs").asLong(jitterMillis);
                return null;
            }
            if (d.has("retryAfter")) {
                limiterRetryAfter = d.get("retryAfter").asInt();
                return null;
            }
            return "give \"next\" or \"rate\" (or only latencyMs/jitterMs, or only retryAfter)";
        }
        Rule r = new Rule();
        try {
            r.path = d.hasNonNull("path") ? Pattern.compile(d.get("path").asText()) : null;
        } catch (PatternSyntaxException e) {
            return "\"path\" is not a regular expression: " + e.getDescription();
        }
        r.method = d.hasNonNull("method") ? d.get("method").asText() : null;
        if (d.hasNonNull("profileId") && !d.get("profileId").canConvertToLong()) {
            return "\"profileId\" must be a whole number";
        }
        r.profileId = d.hasNonNull("profileId") ? d.get("profileId").asLong() : null;
        r.remaining = d.has("next") ? d.get("next").asInt() : Integer.MAX_VALUE;
        r.rate = d.has("rate") ? d.get("rate").asDouble() : 1.0;
        String adjustmentStatus = d.hasNonNull("adjustmentStatus") ? d.get("adjustmentStatus").asText() : null;
        if (adjustmentStatus != null && !REQUEST_STATUSES.contains(adjustmentStatus)) {
            return "\"adjustmentStatus\" must be one of ChannelAdvisor's RequestStatus values: "
                    + String.join(", ", REQUEST_STATUSES);
        }
        int status = d.path("status").asInt(0);
        boolean reset = d.path("reset").asBoolean(false);
        boolean malformed = d.path("malformedJson").asBoolean(false);
        long delay = d.path("latencyMs").asLong(0);
        if (status == 0 && !reset && !malformed && delay == 0 && adjustmentStatus == null) {
            return "say what the fault does: status, reset, malformedJson, latencyMs or adjustmentStatus";
        }
        r.fault = new Fault(status, d.has("retryAfter") ? d.get("retryAfter").asInt() : null, reset, malformed, delay,
                adjustmentStatus);
        r.source = d;
        rules.add(r);
        return null;
    }

    /**
     * The fault for this request, if one applies; counts it against its rule. {@code profileId} tells the profile the
     * request acts in, asked only when a fault names one (null when that is not known: such faults do not apply).
     */
    public Fault next(String method, String path, Supplier<Long> profileId) {
        synchronized (this) {
            if (rules.isEmpty()) {
                return null;
            }
            for (Rule r : rules) {
                if (r.fault.adjustmentStatus() != null || r.remaining <= 0) {
                    continue;
                }
                if ((r.path == null || r.path.matcher(path).find()) && (r.method == null || r.method.equalsIgnoreCase(method))
                        && (r.profileId == null || r.profileId.equals(profileId.get()))
                        && ThreadLocalRandom.current().nextDouble() < r.rate) {
                    r.remaining--;
                    return r.fault;
                }
            }
            return null;
        }
    }

    /**
     * The final status a new adjustment in this profile is forced to (e.g. {@code Error}), or null for the normal
     * outcome.
     */
    public synchronized String nextAdjustmentStatus(long profileId) {
        for (Rule r : rules) {
            if (r.fault.adjustmentStatus() != null && r.remaining > 0 && (r.profileId == null || r.profileId == profileId)) {
                r.remaining--;
                return r.fault.adjustmentStatus();
            }
        }
        return null;
    }

    /** The standing latency plus a random jitter, in milliseconds. */
    public long latency() {
        long j = jitterMillis;
        return latencyMillis + (j > 0 ? ThreadLocalRandom.current().nextLong(j + 1) : 0);
    }

    public Integer limiterRetryAfter() {
        return limiterRetryAfter;
    }

    public synchronized void clear(long latency, long jitter) {
        rules.clear();
        latencyMillis = latency;
        jitterMillis = jitter;
        limiterRetryAfter = null;
    }

    public synchronized JsonNode describe() {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("latencyMs", latencyMillis);
        doc.put("jitterMs", jitterMillis);
        if (limiterRetryAfter != null) {
            doc.put("retryAfter", limiterRetryAfter);
        }
        ArrayNode active = doc.putArray("faults");
        for (Rule r : rules) {
            if (r.remaining > 0) {
                ObjectNode o = active.addObject();
                o.setAll((ObjectNode) r.source);
                if (r.remaining != Integer.MAX_VALUE) {
                    o.put("next", r.remaining);
                }
            }
        }
        return doc;
    }
}
