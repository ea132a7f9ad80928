package org.channelbridge.flow.refunds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.flow.OrderProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The mapping step of the refunds flow (bean {@code adjustmentMapping} of {@code routes/refunds.camel.yaml}): a
 * System2 cancellation or refund becomes the body of {@code Orders(ID)/Adjust} (whole order) or
 * {@code OrderItems(ID)/Adjust} (one item) with SellerAdjustmentID = System2's id, checked against the order as
 * ChannelAdvisor holds it. Also tells whether ChannelAdvisor already has the adjustment: Adjust is not idempotent, so
 * one that may already have happened is found by its SellerAdjustmentID instead of being made twice.
 */
public final class AdjustmentMapping {

    private static final Logger LOG = LoggerFactory.getLogger(AdjustmentMapping.class);
    private static final Set<String> KINDS = Set.of("CANCEL", "REFUND");

    private final AdjustmentReasons reasons;

    public AdjustmentMapping(AdjustmentReasons reasons) {
        this.reasons = reasons;
    }

    /** True when the order already shows an adjustment with this adjustment's SellerAdjustmentID. */
    public boolean alreadySubmitted(Map<String, Object> adjustment, JsonNode order) {
        return !OrderProgress.of(order).adjustmentsOf((String) adjustment.get("id")).isEmpty();
    }

    /** ChannelAdvisor's RequestStatus of the adjustment it already has (null when it has none or gives none). */
    public String requestStatusOf(Map<String, Object> adjustment, JsonNode order) {
        List<JsonNode> existing = OrderProgress.of(order).adjustmentsOf((String) adjustment.get("id"));
        return existing.isEmpty() ? null : existing.get(0).path("RequestStatus").asText(null);
    }

    /**
     * The Adjust body; bad input — a kind other than CANCEL or REFUND, an unknown reason, an item not on the order,
     * more than is left to cancel or refund, an order already canceled — is an {@link InvalidItemException} naming it.
     */
    public ObjectNode toAdjust(Map<String, Object> adjustment, JsonNode orderJson) {
        String id = (String) adjustment.get("id");
        OrderProgress order = OrderProgress.of(orderJson);
        long orderId = order.orderId();
        String kind = text(adjustment.get("kind"));
        if (kind == null || !KINDS.contains(kind.toUpperCase(Locale.ROOT))) {
            throw new InvalidItemException("Adjustment " + id + " has kind '" + kind + "'; it must be CANCEL or REFUND.");
        }
        if (order.isCanceled()) {
            throw new InvalidItemException("Adjustment " + id + " is for order " + orderId
                    + ", which is already canceled in ChannelAdvisor.");
        }
        String reason = reasons.of(id, text(adjustment.get("reason")));
        if (kind.equalsIgnoreCase("REFUND") && !order.anyShipped()) {
            LOG.info("refunds: {} refunds order {} before anything of it shipped: ChannelAdvisor makes it a cancellation",
                    id, orderId);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("Reason", reason);
        body.put("SellerAdjustmentID", id);
        if (Boolean.TRUE.equals(asBoolean(adjustment.get("restock")))) {
            body.put("Restock", true);
        }
        if (adjustment.get("ca_order_item_id") instanceof Number itemNumber) {
            itemRequest(id, kind, adjustment, order, itemNumber.longValue(), body);
        } else {
            orderRequest(id, adjustment, order, body);
        }
        return body;
    }

    private static void itemRequest(String id, String kind, Map<String, Object> adjustment, OrderProgress order,
                                    long itemId, ObjectNode body) {
        long orderId = order.orderId();
        if (!order.hasItem(itemId)) {
            throw new InvalidItemException("Adjustment " + id + " names order item " + itemId
                    + ", which is not on ChannelAdvisor order " + orderId + ".");
        }
        boolean cancel = kind.equalsIgnoreCase("CANCEL") || !order.anyShipped();
        int left = cancel ? order.leftToShip(itemId) : order.leftToAdjust(itemId);
        String what = cancel ? "cancel" : "refund";
        boolean amounts = putAmount(body, "ItemAdjustment", adjustment.get("item_amount"))
                | putAmount(body, "TaxAdjustment", adjustment.get("tax_amount"))
                | putAmount(body, "ShippingAdjustment", adjustment.get("shipping_amount"));
        Object quantityValue = adjustment.get("quantity");
        if (quantityValue instanceof Number q) {
            int quantity = q.intValue();
            if (quantity <= 0) {
                throw new InvalidItemException("Adjustment " + id + " has quantity " + quantity
                        + "; a quantity must be at least 1.");
            }
            if (quantity > left) {
                throw new InvalidItemException("Adjustment " + id + " would " + what + " " + quantity
                        + " of order item " + itemId + " (Sku " + order.skuOf(itemId) + ") of order " + orderId
                        + ", but only " + left + " is left to " + what + ".");
            }
            body.put("Quantity", quantity);
        } else if (!amounts) {
            if (left <= 0) {
                throw new InvalidItemException("Adjustment " + id + " would " + what + " order item " + itemId
                        + " of order " + orderId + ", but nothing of it is left to " + what + ".");
            }
            body.put("Quantity", left);
        }
    }

    private static void orderRequest(String id, Map<String, Object> adjustment, OrderProgress order, ObjectNode body) {
        if (order.itemIds().stream().noneMatch(item -> order.leftToAdjust(item) > 0)) {
            throw new InvalidItemException("Adjustment " + id + " would cancel or refund order " + order.orderId()
                    + ", but every item of it is already cancelled or refunded.");
        }
        BigDecimal total = BigDecimal.ZERO;
        boolean any = false;
        for (String column : List.of("item_amount", "tax_amount", "shipping_amount")) {
            if (adjustment.get(column) instanceof Number n) {
                total = total.add(new BigDecimal(n.toString()));
                any = true;
            }
        }
        if (any) {
            if (total.signum() <= 0) {
                throw new InvalidItemException("Adjustment " + id + " refunds " + total.toPlainString()
                        + "; an amount must be more than 0.");
            }
            body.put("AdjustmentAmount", total);
        }
    }

    private static boolean putAmount(ObjectNode body, String field, Object value) {
        if (value instanceof Number n) {
            body.put(field, new BigDecimal(n.toString()));
            return true;
        }
        return false;
    }

    private static Boolean asBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof Number n ? n.intValue() != 0 : null;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
