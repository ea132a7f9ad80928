package org.channelbridge.flow.refunds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.flow.OrderLookup;
import org.channelbridge.flow.OrderProgress;
import org.channelbridge.flow.OrderReadiness;
import org.channelbridge.system2.AdjustmentStore;
import org.channelbridge.system2.ShipmentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sending steps of the refunds flow, called by {@code routes/refunds.camel.yaml} as the bean {@code refunds}:
 * cancellations and refunds from System2 become {@code Orders(ID)/Adjust} (whole order) or
 * {@code OrderItems(ID)/Adjust} (one item) with SellerAdjustmentID = System2's id. Adjust is not idempotent, so the
 * row is SENDING before the call and SUBMITTED after it, and the order's adjustments are read before every send:
 * one that may already have happened is found by its SellerAdjustmentID instead of being made twice.
 */
public final class AdjustmentSender {

    public static final String READY = OrderReadiness.READY;
    public static final String WAITING = OrderReadiness.WAITING;
    public static final String SENT = "SENT";
    public static final String ALREADY_SENT = "ALREADY_SENT";

    private static final Logger LOG = LoggerFactory.getLogger(AdjustmentSender.class);
    private static final Set<String> KINDS = Set.of("CANCEL", "REFUND");

    private final ChannelAdvisorClient client;
    private final OrderLookup orders;
    private final AdjustmentStore store;
    private final ShipmentStore shipments;
    private final AdjustmentReasons reasons;
    private final OrderReadiness readiness;
    private final long profileId;

    public AdjustmentSender(ChannelAdvisorClient client, AdjustmentStore store, ShipmentStore shipments,
                            AdjustmentReasons reasons, long profileId) {
        this.client = client;
        this.orders = new OrderLookup(client);
        this.readiness = new OrderReadiness(orders);
        this.store = store;
        this.shipments = shipments;
        this.reasons = reasons;
        this.profileId = profileId;
    }

    public List<Map<String, Object>> unsent() throws SQLException {
        return store.unsent(profileId);
    }

    /**
     * READY when the adjustment may go now; WAITING while its order is not yet saved and acknowledged in System2,
     * a shipment of the order is not yet sent (a refund must not overtake the shipment it refunds) or an earlier
     * adjustment of the order is not yet submitted. An order ChannelAdvisor does not know at all is bad input.
     */
    public String readiness(Map<String, Object> row) throws SQLException {
        return readiness.of("Adjustment", row, (id, orderId, createdAt) ->
                shipments.hasUnsent(orderId, profileId) || store.hasEarlierUnsent(id, orderId, createdAt));
    }

    /** Submits the adjustment unless ChannelAdvisor already has it; SENT or ALREADY_SENT. */
    public String send(Map<String, Object> row) throws SQLException {
        String id = (String) row.get("id");
        Map<String, Object> adjustment = store.find(id).orElseThrow(() ->
                new InvalidItemException("Adjustment " + id + " is no longer in System2."));
        String status = (String) adjustment.get("status");
        if (!"NEW".equals(status) && !"SENDING".equals(status)) {
            return ALREADY_SENT;
        }
        long orderId = ((Number) adjustment.get("ca_order_id")).longValue();
        OrderProgress order = orders.progress(orderId);
        List<JsonNode> existing = order.adjustmentsOf(id);
        if (!existing.isEmpty()) {
            store.markSubmitted(id, existing.get(0).path("RequestStatus").asText(null));
            LOG.info("refunds: {} was already in ChannelAdvisor (order {}); marked submitted", id, orderId);
            return ALREADY_SENT;
        }
        String kind = text(adjustment.get("kind"));
        if (kind == null || !KINDS.contains(kind.toUpperCase(java.util.Locale.ROOT))) {
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
        Object itemValue = adjustment.get("ca_order_item_id");
        if (itemValue instanceof Number itemNumber) {
            long itemId = itemNumber.longValue();
            itemRequest(id, kind, adjustment, order, itemId, body);
            store.markSending(id);
            client.adjustOrderItem(itemId, body);
        } else {
            orderRequest(id, adjustment, order, body);
            store.markSending(id);
            client.adjustOrder(orderId, body);
        }
        store.markSubmitted(id, null);
        return SENT;
    }

    /** Bad input or a rejected call: the adjustment will not be sent as it is. */
    public void markFailed(@ExchangeProperty("bridgeBusinessKey") String id,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) throws SQLException {
        store.markFailed(id, null, cause == null ? "failed" : cause.getMessage());
    }

    public static String keyOf(Map<String, Object> row) {
        return String.valueOf(row.get("id"));
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
