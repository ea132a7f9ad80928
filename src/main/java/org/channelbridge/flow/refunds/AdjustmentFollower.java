package org.channelbridge.flow.refunds;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.flow.OrderLookup;
import org.channelbridge.system2.AdjustmentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
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

    public AdjustmentFollower(ChannelAdvisorClient client, AdjustmentStore store, Set<String> completeStatuses,
                              Set<String> failedStatuses, long profileId) {
        this.orders = new OrderLookup(client);
        this.store = store;
        this.completeStatuses = completeStatuses;
        this.failedStatuses = failedStatuses;
        this.profileId = profileId;
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
            return PENDING;
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
        return PENDING;
    }
}
