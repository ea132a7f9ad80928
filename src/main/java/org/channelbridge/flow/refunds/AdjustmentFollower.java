package org.channelbridge.flow.refunds;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.flow.OrderLookup;
import org.channelbridge.system2.AdjustmentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The follow-up steps of the refunds flow (bean {@code refundsFollow}): ChannelAdvisor processes an adjustment
 * with the marketplace after accepting it, so each SUBMITTED one is read back from its order's Adjustments until
 * its RequestStatus is final, and System2 gets COMPLETE or FAILED. An order-level adjustment may show as one
 * adjustment per item: it is complete when all are, failed when one failed.
 */
public final class AdjustmentFollower {

    public static final String COMPLETE = "COMPLETE";
    public static final String FAILED = "FAILED";
    public static final String PENDING = "PENDING";

    private static final Logger LOG = LoggerFactory.getLogger(AdjustmentFollower.class);

    private final OrderLookup orders;
    private final AdjustmentStore store;
    private final Set<String> completeStatuses;
    private final Set<String> failedStatuses;
    private final long profileId;
    private final int maxHours;

    public AdjustmentFollower(ChannelAdvisorClient client, AdjustmentStore store, Set<String> completeStatuses,
                              Set<String> failedStatuses, long profileId) {
        this(client, store, completeStatuses, failedStatuses, profileId, 72);
    }

    /** {@code maxHours}: an adjustment not settled this long after it was submitted is given up (a dead letter). */
    public AdjustmentFollower(ChannelAdvisorClient client, AdjustmentStore store, Set<String> completeStatuses,
                              Set<String> failedStatuses, long profileId, int maxHours) {
        this.orders = new OrderLookup(client);
        this.store = store;
        this.completeStatuses = completeStatuses;
        this.failedStatuses = failedStatuses;
        this.profileId = profileId;
        if (maxHours <= 0) {
            throw new IllegalArgumentException("refunds.follow-max-hours is " + maxHours + "; it takes a number of"
                    + " hours above 0");
        }
        this.maxHours = maxHours;
    }

    public List<Map<String, Object>> submitted() throws SQLException {
        return store.submitted(profileId);
    }

    /**
     * Reads the adjustment's status in ChannelAdvisor and records it: COMPLETE, PENDING, or FAILED — a failure is
     * also thrown, so that the flow's dead-letter channel records it with ChannelAdvisor's reason.
     */
    public String follow(Map<String, Object> row) throws SQLException {
        String id = (String) row.get("id");
        long orderId = ((Number) row.get("ca_order_id")).longValue();
        List<JsonNode> found = orders.adjustments(orderId).adjustmentsOf(id);
        if (found.isEmpty()) {
            LOG.warn("refunds: adjustment {} is submitted but order {} in ChannelAdvisor does not show it yet", id, orderId);
            return pending(row, id, orderId, "not shown on the order");
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
                String sentence = "ChannelAdvisor reports adjustment " + id + " of order " + orderId + " as " + status
                        + " (" + reason + ").";
                store.markFailed(id, status, sentence);
                throw new InvalidItemException(sentence);
            }
        }
        String joined = String.join(",", statuses);
        String summary = joined.length() > 50 ? joined.substring(0, 50) : joined;
        if (completeStatuses.containsAll(statuses)) {
            store.markComplete(id, summary);
            return COMPLETE;
        }
        store.recordRequestStatus(id, summary);
        return pending(row, id, orderId, joined);
    }

    /** Still pending: followed again next cycle, unless it has been so for longer than refunds.follow-max-hours. */
    private String pending(Map<String, Object> row, String id, long orderId, String status) throws SQLException {
        Object submitted = row.get("submitted_at");
        Instant since = submitted instanceof Timestamp t ? t.toInstant()
                : submitted instanceof java.time.LocalDateTime l ? l.toInstant(java.time.ZoneOffset.UTC)
                : submitted instanceof java.time.OffsetDateTime o ? o.toInstant() : null;
        if (since == null || Duration.between(since, Instant.now()).compareTo(Duration.ofHours(maxHours)) < 0) {
            return PENDING;
        }
        String sentence = "Adjustment " + id + " of order " + orderId + " was not settled after " + maxHours
                + " h (ChannelAdvisor still reports " + status + "); look at it in ChannelAdvisor, then replay or"
                + " discard this dead letter.";
        store.markFailed(id, status.length() > 50 ? status.substring(0, 50) : status, sentence);
        throw new InvalidItemException(sentence);
    }
}
