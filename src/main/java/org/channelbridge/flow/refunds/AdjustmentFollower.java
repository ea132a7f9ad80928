package org.channelbridge.flow.refunds;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.flow.OrderProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The follow-up step of the refunds flow (bean {@code adjustmentFollower} of {@code routes/refunds.camel.yaml}):
 * ChannelAdvisor processes an adjustment with the marketplace after accepting it, so each SUBMITTED one is read back
 * from its order's Adjustments until its RequestStatus is final. An order-level adjustment may show as one
 * adjustment per item: it is complete when all are, failed when one failed. The route writes the verdict to System2.
 */
public final class AdjustmentFollower {

    public static final String COMPLETE = "COMPLETE";
    public static final String FAILED = "FAILED";
    public static final String PENDING = "PENDING";

    private static final Logger LOG = LoggerFactory.getLogger(AdjustmentFollower.class);

    private final Set<String> completeStatuses;
    private final Set<String> failedStatuses;
    private final int maxHours;

    public AdjustmentFollower(Set<String> completeStatuses, Set<String> failedStatuses) {
        this(completeStatuses, failedStatuses, 72);
    }

    /** {@code maxHours}: an adjustment not settled this long after it was submitted is given up (a dead letter). */
    public AdjustmentFollower(Set<String> completeStatuses, Set<String> failedStatuses, int maxHours) {
        this.completeStatuses = completeStatuses;
        this.failedStatuses = failedStatuses;
        if (maxHours <= 0) {
            throw new IllegalArgumentException("refunds.follow-max-hours is " + maxHours + "; it takes a number of"
                    + " hours above 0");
        }
        this.maxHours = maxHours;
    }

    /**
     * Where the submitted adjustment ({@code row}: its System2 row with {@code id}, {@code ca_order_id} and
     * {@code submitted_at}) stands in ChannelAdvisor's copy of its order: {@code outcome} COMPLETE, PENDING or FAILED,
     * {@code requestStatus} what ChannelAdvisor reports (at most 50 characters; null when it shows nothing yet) and,
     * for FAILED, {@code sentence}: the dead letter's reason.
     */
    public Map<String, Object> verdict(Map<String, Object> row, JsonNode order) {
        String id = (String) row.get("id");
        long orderId = ((Number) row.get("ca_order_id")).longValue();
        List<JsonNode> found = OrderProgress.of(order).adjustmentsOf(id);
        if (found.isEmpty()) {
            LOG.warn("refunds: adjustment {} is submitted but order {} in ChannelAdvisor does not show it yet", id, orderId);
            return pending(row, id, orderId, null, "not shown on the order");
        }
        Set<String> statuses = new LinkedHashSet<>();
        List<String> comments = new ArrayList<>();
        for (JsonNode adjustment : found) {
            String status = adjustment.path("RequestStatus").asText("");
            statuses.add(status);
            if (failedStatuses.contains(status)) {
                String comment = adjustment.path("Comment").asText("");
                if (!comment.isBlank()) {
                    comments.add(comment);
                }
                String reason = comments.isEmpty() ? "it gave no reason" : "its reason: " + String.join("; ", comments);
                return outcome(FAILED, status, "ChannelAdvisor reports adjustment " + id + " of order " + orderId
                        + " as " + status + " (" + reason + ").");
            }
        }
        String joined = String.join(",", statuses);
        if (completeStatuses.containsAll(statuses)) {
            return outcome(COMPLETE, cut(joined), null);
        }
        return pending(row, id, orderId, cut(joined), joined);
    }

    /** Still pending: followed again next cycle, unless it has been so for longer than refunds.follow-max-hours. */
    private Map<String, Object> pending(Map<String, Object> row, String id, long orderId, String requestStatus,
                                        String status) {
        Object submitted = row.get("submitted_at");
        Instant since = submitted instanceof Timestamp t ? t.toInstant()
                : submitted instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC)
                : submitted instanceof OffsetDateTime o ? o.toInstant() : null;
        if (since == null || Duration.between(since, Instant.now()).compareTo(Duration.ofHours(maxHours)) < 0) {
            return outcome(PENDING, requestStatus, null);
        }
        return outcome(FAILED, cut(status), "Adjustment " + id + " of order " + orderId + " was not settled after "
                + maxHours + " h (ChannelAdvisor still reports " + status + "); look at it in ChannelAdvisor, then"
                + " replay or discard this dead letter.");
    }

    private static Map<String, Object> outcome(String outcome, String requestStatus, String sentence) {
        Map<String, Object> verdict = new HashMap<>();
        verdict.put("outcome", outcome);
        verdict.put("requestStatus", requestStatus);
        verdict.put("sentence", sentence);
        return verdict;
    }

    /** System2's ca_request_status holds 50 characters. */
    private static String cut(String status) {
        return status.length() > 50 ? status.substring(0, 50) : status;
    }
}
