package org.channelbridge.sandbox.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.api.ApiError;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.products.ProductStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Adjust on orders and order items (item 23): cancellations before shipping, refunds after, recorded at once
 * as {@code SubmittedNotProcessed} and settled after the configured delay (or as a fault says). Called under
 * the sandbox's state lock.
 */
public final class Adjustments {
    private static final Set<String> REASONS = Set.of("GeneralAdjustment", "ItemNotAvailable", "CustomerReturnedItem",
            "CouldNotShip", "AlternateItemProvided", "BuyerCancelled", "CustomerExchange", "MerchandiseNotReceived",
            "ShippingAddressUndeliverable");
    private static final String[] REASON_BY_CODE = {"GeneralAdjustment", "ItemNotAvailable", "CustomerReturnedItem",
            "CouldNotShip", "AlternateItemProvided", "BuyerCancelled", "CustomerExchange", "MerchandiseNotReceived",
            "ShippingAddressUndeliverable"};
    private static final String SUBMITTED = "SubmittedNotProcessed";
    private static final String COMPLETE = OrderStore.COMPLETE;

    /** An adjustment waiting for its asynchronous outcome. */
    private record Pending(ObjectNode adjustment, long orderId, long dueMillis, String outcome) {
    }

    private final OrderStore store;
    private final SandboxSettings settings;
    private final ProductStore products;
    private final List<Pending> pending = new ArrayList<>();

    Adjustments(OrderStore store, SandboxSettings settings, ProductStore products) {
        this.store = store;
        this.settings = settings;
        this.products = products;
    }

    void reset() {
        pending.clear();
    }

    /** Adjustments recorded but not settled yet. */
    public int inProgress() {
        return pending.size();
    }

    /** {@code POST /v1/Orders(ID)/Adjust}: with no amount, everything left is cancelled (unshipped) or refunded. */
    public void adjustOrder(long id, JsonNode body, Instant now, Supplier<String> outcome) {
        ObjectNode o = store.get(id);
        JsonNode v = unwrap(body);
        String reason = reason(v);
        if (o.get("ShippingStatus").asText().equals("Canceled")) {
            throw new ApiError(400, "Order " + id + " is already canceled.");
        }
        boolean anyShipped = false;
        for (JsonNode item : o.withArray("Items")) {
            anyShipped |= OrderStore.shipped(o, item.get("ID").asLong()) > 0;
        }
        JsonNode amount = v.get("AdjustmentAmount");
        if (amount != null && !amount.isNull() && anyShipped) {
            if (!amount.isNumber() || amount.decimalValue().signum() <= 0) {
                throw new ApiError(400, "AdjustmentAmount must be a positive amount.");
            }
            if (amount.decimalValue().compareTo(o.get("TotalPrice").decimalValue()) > 0) {
                throw new ApiError(400, "AdjustmentAmount is more than the order total.");
            }
            ObjectNode a = adjustment(o, null, 0, reason, "Refund", v, now, outcome.get(), true);
            a.set("ItemAdjustment", CaFormat.money(amount.decimalValue()));
            return;
        }
        String type = anyShipped ? "Refund" : "Cancellation";
        String forced = outcome.get();
        List<ObjectNode> shares = new ArrayList<>();
        int units = 0;
        for (JsonNode item : o.withArray("Items")) {
            ObjectNode i = (ObjectNode) item;
            int left = i.get("Quantity").asInt() - OrderStore.adjusted(i, null, false);
            if (left > 0) {
                // each item keeps its share, so what is left to ship or adjust stays right per item
                ObjectNode a = adjustment(o, i, left, reason, type, v, now, forced, false);
                proportional(a, i, left);
                shares.add(a);
                units += left;
            }
        }
        if (shares.isEmpty()) {
            throw new ApiError(400, "Every item of order " + id + " is already adjusted.");
        }
        // the order shows the one adjustment that was asked for, with the items' amounts added up
        ObjectNode whole = adjustment(o, null, units, reason, type, v, now, forced, true);
        for (String f : new String[]{"ItemAdjustment", "TaxAdjustment", "ShippingAdjustment", "ShippingTaxAdjustment"}) {
            BigDecimal sum = BigDecimal.ZERO;
            for (ObjectNode share : shares) {
                sum = sum.add(share.get(f).decimalValue());
            }
            whole.set(f, CaFormat.money(sum));
        }
    }

    /** {@code POST /v1/OrderItems(ID)/Adjust}: a quantity alone refunds its share of item, tax and shipping. */
    public void adjustItem(long itemId, JsonNode body, Instant now, Supplier<String> outcome) {
        ObjectNode item = store.item(itemId);
        if (item == null) {
            throw new ApiError(404, "Order item with ID " + itemId + " was not found.");
        }
        ObjectNode o = store.find(item.get("OrderID").asLong());
        JsonNode v = unwrap(body);
        String reason = reason(v);
        JsonNode q = v.get("Quantity");
        int quantity = 0;
        if (q != null && !q.isNull()) {
            if (!q.isIntegralNumber() || q.intValue() <= 0) {
                throw new ApiError(400, "Quantity must be a positive whole number.");
            }
            quantity = q.intValue();
        }
        int left = item.get("Quantity").asInt() - OrderStore.adjusted(item, null, false);
        if (quantity > left) {
            throw new ApiError(400, "Cannot adjust " + quantity + " of order item " + itemId + ": only " + left
                    + " can still be adjusted.");
        }
        boolean amounts = false;
        for (String f : new String[]{"ItemAdjustment", "TaxAdjustment", "ShippingAdjustment", "ShippingTaxAdjustment"}) {
            amounts |= v.hasNonNull(f);
        }
        if (quantity == 0 && !amounts) {
            throw new ApiError(400, "Give a Quantity or at least one adjustment amount.");
        }
        String type = OrderStore.shipped(o, itemId) > 0 ? "Refund" : "Cancellation";
        if (type.equals("Cancellation") && quantity > store.unshipped(item, false)) {
            throw new ApiError(400, "Cannot cancel " + quantity + " of order item " + itemId + ".");
        }
        ObjectNode a = adjustment(o, item, quantity, reason, type, v, now, outcome.get(), true);
        if (quantity > 0) {
            proportional(a, item, quantity);
        }
        for (String f : new String[]{"ItemAdjustment", "TaxAdjustment", "ShippingAdjustment", "ShippingTaxAdjustment",
                "GiftWrapAdjustment", "GiftWrapTaxAdjustment", "RecyclingFeeAdjustment"}) {
            if (v.hasNonNull(f)) {
                if (!v.get(f).isNumber()) {
                    throw new ApiError(400, f + " must be an amount.");
                }
                a.set(f, CaFormat.money(v.get(f).decimalValue()));
            }
        }
    }

    private static JsonNode unwrap(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return CaFormat.JSON.createObjectNode();
        }
        if (!body.isObject()) {
            throw new ApiError(400, "The request body must be a JSON object.");
        }
        return body.size() == 1 && body.path("Value").isObject() ? body.get("Value") : body;
    }

    private static String reason(JsonNode v) {
        JsonNode r = v.get("Reason");
        if (r == null || r.isNull()) {
            return "GeneralAdjustment";
        }
        if (r.isIntegralNumber() && r.intValue() >= 100 && r.intValue() < 100 + REASON_BY_CODE.length) {
            return REASON_BY_CODE[r.intValue() - 100];
        }
        for (String known : REASONS) {
            if (known.equalsIgnoreCase(r.asText())) {
                return known;
            }
        }
        throw new ApiError(400, "'" + r.asText() + "' is not a valid adjustment Reason.");
    }

    private ObjectNode adjustment(ObjectNode o, ObjectNode item, int quantity, String reason, String type, JsonNode v,
                                  Instant now, String forcedOutcome, boolean shownOnOrder) {
        ObjectNode a = OrderShape.blank(OrderShape.ADJUSTMENT);
        a.put("ID", store.ids().nextAdjustment()).put("ProfileID", store.profileId()).put("OrderID", o.get("ID").asLong());
        if (item != null) {
            a.put("OrderItemID", item.get("ID").asLong());
        }
        a.put("Quantity", quantity).put("IsRestock", v.path("Restock").asBoolean(false)).put("Reason", reason)
                .put("Type", type).put("CreatedDateUtc", CaFormat.date(now)).put("RequestStatus", SUBMITTED);
        for (String f : new String[]{"ItemAdjustment", "TaxAdjustment", "ShippingAdjustment", "ShippingTaxAdjustment",
                "GiftWrapAdjustment", "GiftWrapTaxAdjustment", "RecyclingFeeAdjustment"}) {
            a.set(f, CaFormat.money(BigDecimal.ZERO));
        }
        if (v.hasNonNull("SellerAdjustmentID")) {
            a.put("SellerAdjustmentID", v.get("SellerAdjustmentID").asText());
        }
        if (v.hasNonNull("Comment")) {
            a.put("Comment", v.get("Comment").asText());
        }
        if (shownOnOrder) {
            o.withArray("Adjustments").add(a);
        }
        if (item != null) {
            item.withArray("Adjustments").add(a);
        }
        o.put("UpdatedDateUtc", CaFormat.date(now));
        pending.add(new Pending(a, o.get("ID").asLong(),
                now.toEpochMilli() + settings.adjustmentProcessingDelay.toMillis(),
                forcedOutcome == null ? COMPLETE : forcedOutcome));
        return a;
    }

    /** The item's share of price, tax and shipping for {@code quantity} units, as DOC-adjust computes it. */
    private static void proportional(ObjectNode a, ObjectNode item, int quantity) {
        BigDecimal share = BigDecimal.valueOf(quantity).divide(BigDecimal.valueOf(item.get("Quantity").asInt()), 10,
                RoundingMode.HALF_UP);
        a.set("ItemAdjustment", CaFormat.money(CaFormat.cents(item.get("UnitPrice").decimalValue()
                .multiply(BigDecimal.valueOf(quantity)))));
        a.set("TaxAdjustment", CaFormat.money(CaFormat.cents(item.get("TaxPrice").decimalValue().multiply(share))));
        a.set("ShippingAdjustment", CaFormat.money(CaFormat.cents(item.get("ShippingPrice").decimalValue().multiply(share))));
        a.set("ShippingTaxAdjustment", CaFormat.money(CaFormat.cents(item.get("ShippingTaxPrice").decimalValue().multiply(share))));
    }

    /** The earliest time an adjustment is due, or {@code Long.MAX_VALUE} when none waits. */
    public long nextDueMillis() {
        long due = Long.MAX_VALUE;
        for (Pending p : pending) {
            due = Math.min(due, p.dueMillis);
        }
        return due;
    }

    /** Moves due adjustments to their outcome; completed cancellations and restocks take effect. */
    public void processDue(Instant now) {
        boolean changed = false;
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.dueMillis > now.toEpochMilli()) {
                continue;
            }
            it.remove();
            changed = true;
            ObjectNode a = p.adjustment;
            a.put("RequestStatus", p.outcome);
            ObjectNode o = store.find(p.orderId);
            if (o == null || !p.outcome.equals(COMPLETE)) {
                continue;
            }
            if (a.path("IsRestock").asBoolean() && a.hasNonNull("OrderItemID")) {
                ObjectNode item = store.item(a.get("OrderItemID").asLong());
                ObjectNode product = products.bySku(item.get("Sku").asText());
                if (product != null) {
                    products.moveAvailable(product, a.get("Quantity").asInt(), now);
                }
                a.put("RestockStatus", "Restocked");
            }
            if (a.path("Type").asText().equals("Cancellation")) {
                trimOpenFulfillment(o);
            }
            store.updateShippingStatus(o, now);
        }
        if (changed) {
            store.recomputePending();
        }
    }

    /** After a cancellation, the unshipped fulfillment holds only what is still to ship. */
    private void trimOpenFulfillment(ObjectNode o) {
        ObjectNode open = OrderStore.openFulfillment(o);
        if (open == null) {
            return;
        }
        Map<Long, Integer> cancelled = new HashMap<>();
        for (JsonNode fi : open.withArray("Items")) {
            ObjectNode item = store.item(fi.get("OrderItemID").asLong());
            int keep = store.unshipped(item, true);
            if (fi.get("Quantity").asInt() > keep) {
                cancelled.put(item.get("ID").asLong(), fi.get("Quantity").asInt() - Math.max(keep, 0));
            }
        }
        OrderStore.takeFromOpen(o, open, cancelled);
        OrderStore.relink(o);
    }
}
