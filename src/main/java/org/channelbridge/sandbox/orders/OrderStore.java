package org.channelbridge.sandbox.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.api.ApiError;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.products.ProductStore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Orders with their items, fulfillments and adjustments (items 17-23): the per-application export flag, Ship
 * with ChannelAdvisor's rules, and Adjust with asynchronous processing. Not thread-safe: the sandbox calls it
 * under its state lock.
 */
public final class OrderStore {
    public static final String TYPE = "Order";
    public static final ObjectNode TEMPLATE = OrderShape.template();
    public static final Set<String> REASONS = Set.of("GeneralAdjustment", "ItemNotAvailable", "CustomerReturnedItem",
            "CouldNotShip", "AlternateItemProvided", "BuyerCancelled", "CustomerExchange", "MerchandiseNotReceived",
            "ShippingAddressUndeliverable");
    private static final String[] REASON_BY_CODE = {"GeneralAdjustment", "ItemNotAvailable", "CustomerReturnedItem",
            "CouldNotShip", "AlternateItemProvided", "BuyerCancelled", "CustomerExchange", "MerchandiseNotReceived",
            "ShippingAddressUndeliverable"};
    private static final String SUBMITTED = "SubmittedNotProcessed";
    private static final String COMPLETE = "PostProcessingComplete";

    /** An adjustment waiting for its asynchronous outcome. */
    private record Pending(ObjectNode adjustment, long orderId, long dueMillis, String outcome) {
    }

    private final SandboxSettings settings;
    private final ProductStore products;
    private final Map<Long, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> items = new HashMap<>();
    private final Map<Long, Set<String>> exportedBy = new HashMap<>();
    private final List<Pending> pending = new ArrayList<>();
    private OrderIds ids = new OrderIds();
    private OrderSeeder seeder = new OrderSeeder();

    public OrderStore(SandboxSettings settings, ProductStore products) {
        this.settings = settings;
        this.products = products;
    }

    public Collection<ObjectNode> all() {
        return orders.values();
    }

    public ObjectNode get(long id) {
        ObjectNode o = orders.get(id);
        if (o == null) {
            throw new ApiError(404, "Order with ID " + id + " was not found.");
        }
        return o;
    }

    public void reset() {
        orders.clear();
        items.clear();
        exportedBy.clear();
        pending.clear();
        ids = new OrderIds();
        seeder = new OrderSeeder();
    }

    /** The orders a list call sees: with {@code exported} set, only those whose flag for this application matches. */
    public List<ObjectNode> visible(Boolean exported, String applicationId) {
        if (exported == null) {
            return new ArrayList<>(orders.values());
        }
        List<ObjectNode> result = new ArrayList<>();
        for (ObjectNode o : orders.values()) {
            Set<String> apps = exportedBy.get(o.get("ID").asLong());
            if ((apps != null && apps.contains(applicationId)) == exported) {
                result.add(o);
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- seeding

    /** {@code POST /sandbox/orders}: answers the new order IDs. */
    public List<Long> seed(int count, boolean readyOnly, int withManyItems, int unknownSkus, List<String> skus, Instant now) {
        List<JsonNode> candidates = OrderSeeder.candidates(products, skus);
        List<Long> created = new ArrayList<>();
        for (OrderSeeder.Plan plan : seeder.plans(count, readyOnly, withManyItems, unknownSkus)) {
            ObjectNode o = seeder.build(plan, settings.profileId, now, candidates, ids);
            add(o, now);
            created.add(o.get("ID").asLong());
        }
        recomputePending();
        return created;
    }

    private void add(ObjectNode o, Instant now) {
        orders.put(o.get("ID").asLong(), o);
        for (JsonNode item : o.withArray("Items")) {
            items.put(item.get("ID").asLong(), (ObjectNode) item);
            ObjectNode p = products.bySku(item.get("Sku").asText());
            if (p != null && !o.get("ShippingStatus").asText().equals("Canceled")) {
                products.moveAvailable(p, -item.get("Quantity").asInt(), now);
                p.put("LastSaleDateUtc", o.get("CreatedDateUtc").asText());
            }
        }
        relink(o);
    }

    // ---------------------------------------------------------------- export

    public void export(long id, String applicationId) {
        get(id);
        exportedBy.computeIfAbsent(id, k -> new HashSet<>()).add(applicationId);
    }

    public void unexport(long id, String applicationId) {
        get(id);
        Set<String> apps = exportedBy.get(id);
        if (apps != null) {
            apps.remove(applicationId);
        }
    }

    public int exportedCount(String applicationId) {
        int n = 0;
        for (Set<String> apps : exportedBy.values()) {
            if (apps.contains(applicationId)) {
                n++;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- ship

    /** {@code POST /v1/Orders(ID)/Ship} with {@code {"Value":{...}}} (item 21). */
    public void ship(long id, JsonNode body, Instant now) {
        ObjectNode o = get(id);
        JsonNode v = body.get("Value");
        if (v == null || !v.isObject()) {
            throw new ApiError(400, "The request body must be {\"Value\":{...}} with the shipment.");
        }
        if (o.get("ShippingStatus").asText().equals("Canceled")) {
            throw new ApiError(400, "Order " + id + " is canceled and cannot be shipped.");
        }
        String carrier = text(v, "ShippingCarrier");
        String shippingClass = text(v, "ShippingClass");
        checkCarrier(carrier, shippingClass);
        int dc = v.path("DistributionCenterID").asInt(settings.distributionCenters.get(0).id());
        if (!products.knownDc(dc)) {
            throw new ApiError(400, "Unknown DistributionCenterID " + dc + ".");
        }
        String delivery = v.hasNonNull("DeliveryStatus") ? v.get("DeliveryStatus").asText() : "Complete";
        boolean ships = !delivery.equals("NoChange");
        Map<Long, Integer> wanted = shipQuantities(o, v.get("Items"));
        ObjectNode open = openFulfillment(o);
        if (!ships) {
            if (open != null) {
                describe(open, v, carrier, shippingClass, dc, delivery, now);
            }
            return;
        }
        if (wanted.isEmpty()) {
            throw new ApiError(400, "Order " + id + " has nothing left to ship.");
        }
        ObjectNode target;
        boolean whole = v.get("Items") == null || v.get("Items").isNull();
        if (whole && open != null) {
            target = open;
            ArrayNode fi = target.withArray("Items");
            fi.removeAll();
            wanted.forEach((itemId, q) -> fi.add(fulfillmentItem(o, target, items.get(itemId), q)));
        } else {
            target = OrderShape.fulfillment();
            target.put("ID", ids.nextFulfillment()).put("ProfileID", settings.profileId).put("OrderID", id)
                    .put("CreatedDateUtc", CaFormat.date(now)).put("Type", "Ship").put("HasShippingLabel", false);
            wanted.forEach((itemId, q) -> target.withArray("Items").add(fulfillmentItem(o, target, items.get(itemId), q)));
            if (open != null) {
                takeFromOpen(o, open, wanted);
            }
            o.withArray("Fulfillments").add(target);
        }
        describe(target, v, carrier, shippingClass, dc, delivery, now);
        Instant shippedAt = v.hasNonNull("ShippedDateUtc") ? CaFormat.parseInstant(v.get("ShippedDateUtc").asText()) : now;
        if (shippedAt == null) {
            throw new ApiError(400, "ShippedDateUtc is not a valid date.");
        }
        target.put("ShippedDateUtc", CaFormat.date(shippedAt));
        o.put("ShippingDateUtc", CaFormat.date(shippedAt));
        relink(o);
        updateShippingStatus(o, now);
        recomputePending();
    }

    private void checkCarrier(String carrier, String shippingClass) {
        if ((carrier == null) != (shippingClass == null)) {
            throw new ApiError(400, "ShippingCarrier and ShippingClass must be sent together.");
        }
        if (carrier == null) {
            return;
        }
        for (Map.Entry<String, List<String>> c : settings.carriers.entrySet()) {
            if (c.getKey().equalsIgnoreCase(carrier)) {
                if (c.getValue().stream().anyMatch(k -> k.equalsIgnoreCase(shippingClass))) {
                    return;
                }
                throw new ApiError(400, "Shipping class '" + shippingClass + "' is not set up for carrier '" + carrier + "'.");
            }
        }
        throw new ApiError(400, "Shipping carrier '" + carrier + "' is not set up for this account.");
    }

    /** Item ID to quantity to ship: the listed items, or everything still to ship when no items are listed. */
    private Map<Long, Integer> shipQuantities(ObjectNode o, JsonNode list) {
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        if (list == null || list.isNull()) {
            for (JsonNode item : o.withArray("Items")) {
                int left = unshipped((ObjectNode) item, false);
                if (left > 0) {
                    wanted.put(item.get("ID").asLong(), left);
                }
            }
            return wanted;
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new ApiError(400, "Items must list at least one item, or be left out to ship the whole order.");
        }
        for (JsonNode line : list) {
            ObjectNode item = findItem(o, line);
            JsonNode q = line.get("Quantity");
            if (q == null || !q.isIntegralNumber() || q.intValue() <= 0) {
                throw new ApiError(400, "Quantity of item " + item.get("ID") + " must be a positive whole number.");
            }
            wanted.merge(item.get("ID").asLong(), q.intValue(), Integer::sum);
        }
        wanted.forEach((itemId, q) -> {
            int left = unshipped(items.get(itemId), false);
            if (q > left) {
                throw new ApiError(400, "Cannot ship " + q + " of order item " + itemId + ": only " + left
                        + " left to ship.");
            }
        });
        return wanted;
    }

    private ObjectNode findItem(ObjectNode o, JsonNode line) {
        for (JsonNode item : o.withArray("Items")) {
            if (line.hasNonNull("OrderItemID") ? item.get("ID").asLong() == line.get("OrderItemID").asLong()
                    : line.hasNonNull("Sku") ? item.get("Sku").asText().equalsIgnoreCase(line.get("Sku").asText())
                    : line.hasNonNull("ProductID") && item.get("ProductID").asLong() == line.get("ProductID").asLong()) {
                return (ObjectNode) item;
            }
        }
        throw new ApiError(400, "The item " + line + " is not on order " + o.get("ID") + ".");
    }

    private ObjectNode fulfillmentItem(ObjectNode o, ObjectNode fulfillment, ObjectNode item, int quantity) {
        ObjectNode fi = OrderShape.blank(OrderShape.FULFILLMENT_ITEM);
        return fi.put("ID", ids.nextFulfillmentItem()).put("ProfileID", settings.profileId)
                .put("FulfillmentID", fulfillment.get("ID").asLong()).put("OrderID", o.get("ID").asLong())
                .put("OrderItemID", item.get("ID").asLong()).put("ProductID", item.get("ProductID").asLong())
                .put("Quantity", quantity);
    }

    private static void takeFromOpen(ObjectNode o, ObjectNode open, Map<Long, Integer> shipped) {
        ArrayNode fi = open.withArray("Items");
        for (Iterator<JsonNode> it = fi.iterator(); it.hasNext(); ) {
            ObjectNode line = (ObjectNode) it.next();
            Integer q = shipped.get(line.get("OrderItemID").asLong());
            if (q != null) {
                int left = line.get("Quantity").asInt() - q;
                if (left <= 0) {
                    it.remove();
                } else {
                    line.put("Quantity", left);
                }
            }
        }
        if (fi.isEmpty()) {
            ArrayNode all = o.withArray("Fulfillments");
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i) == open) {
                    all.remove(i);
                    break;
                }
            }
        }
    }

    private static void describe(ObjectNode f, JsonNode v, String carrier, String shippingClass, int dc,
                                 String delivery, Instant now) {
        f.put("DeliveryStatus", delivery).put("DistributionCenterID", dc).put("UpdatedDateUtc", CaFormat.date(now));
        if (carrier != null) {
            f.put("ShippingCarrier", carrier).put("ShippingClass", shippingClass);
        }
        for (String field : new String[]{"TrackingNumber", "TrackingUrl", "ReturnTrackingNumber", "SellerFulfillmentID"}) {
            if (v.hasNonNull(field)) {
                f.put(field, v.get(field).asText());
            }
        }
        if (v.hasNonNull("FulfillmentType")) {
            f.put("Type", v.get("FulfillmentType").asText());
        }
    }

    private static ObjectNode openFulfillment(ObjectNode o) {
        for (JsonNode f : o.withArray("Fulfillments")) {
            if (f.path("DeliveryStatus").asText().equals("NoChange")) {
                return (ObjectNode) f;
            }
        }
        return null;
    }

    private static int shipped(ObjectNode o, long itemId) {
        int n = 0;
        for (JsonNode f : o.withArray("Fulfillments")) {
            String status = f.path("DeliveryStatus").asText();
            if (status.equals("NoChange") || status.equals("Canceled")) {
                continue;
            }
            for (JsonNode fi : f.withArray("Items")) {
                if (fi.get("OrderItemID").asLong() == itemId) {
                    n += fi.get("Quantity").asInt();
                }
            }
        }
        return n;
    }

    /** Quantity of an item neither shipped nor cancelled; with {@code processedOnly}, pending cancellations do not count yet. */
    private int unshipped(ObjectNode item, boolean processedOnly) {
        ObjectNode o = orders.get(item.get("OrderID").asLong());
        return item.get("Quantity").asInt() - shipped(o, item.get("ID").asLong()) - adjusted(item, "Cancellation", processedOnly);
    }

    private static int adjusted(ObjectNode item, String type, boolean processedOnly) {
        int n = 0;
        for (JsonNode a : item.withArray("Adjustments")) {
            String status = a.path("RequestStatus").asText();
            if (status.equals("Error") || (processedOnly && !status.equals(COMPLETE))
                    || (type != null && !a.path("Type").asText().equals(type))) {
                continue;
            }
            n += a.path("Quantity").asInt();
        }
        return n;
    }

    private void updateShippingStatus(ObjectNode o, Instant now) {
        int shipped = 0;
        int left = 0;
        int cancelled = 0;
        int ordered = 0;
        for (JsonNode item : o.withArray("Items")) {
            ObjectNode i = (ObjectNode) item;
            shipped += shipped(o, i.get("ID").asLong());
            left += unshipped(i, true);
            cancelled += adjusted(i, "Cancellation", true);
            ordered += i.get("Quantity").asInt();
        }
        String status = o.get("ShippingStatus").asText();
        if (ordered > 0 && cancelled >= ordered) {
            status = "Canceled";
        } else if (left <= 0 && shipped > 0) {
            status = "Shipped";
        } else if (shipped > 0) {
            status = "PartiallyShipped";
        }
        o.put("ShippingStatus", status).put("UpdatedDateUtc", CaFormat.date(now));
    }

    /** Keeps each item's FulfillmentItems pointing at the fulfillment lines that carry it. */
    private static void relink(ObjectNode o) {
        for (JsonNode item : o.withArray("Items")) {
            ArrayNode links = ((ObjectNode) item).withArray("FulfillmentItems");
            links.removeAll();
            for (JsonNode f : o.withArray("Fulfillments")) {
                for (JsonNode fi : f.withArray("Items")) {
                    if (fi.get("OrderItemID").asLong() == item.get("ID").asLong()) {
                        links.add(fi);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- adjust

    /** {@code POST /v1/Orders(ID)/Adjust}: with no amount, everything left is cancelled (unshipped) or refunded. */
    public void adjustOrder(long id, JsonNode body, Instant now, Supplier<String> outcome) {
        ObjectNode o = get(id);
        JsonNode v = unwrap(body);
        String reason = reason(v);
        if (o.get("ShippingStatus").asText().equals("Canceled")) {
            throw new ApiError(400, "Order " + id + " is already canceled.");
        }
        boolean anyShipped = false;
        for (JsonNode item : o.withArray("Items")) {
            anyShipped |= shipped(o, item.get("ID").asLong()) > 0;
        }
        JsonNode amount = v.get("AdjustmentAmount");
        if (amount != null && !amount.isNull() && anyShipped) {
            if (!amount.isNumber() || amount.decimalValue().signum() <= 0) {
                throw new ApiError(400, "AdjustmentAmount must be a positive amount.");
            }
            if (amount.decimalValue().compareTo(o.get("TotalPrice").decimalValue()) > 0) {
                throw new ApiError(400, "AdjustmentAmount is more than the order total.");
            }
            ObjectNode a = adjustment(o, null, 0, reason, "Refund", v, now, outcome.get());
            a.set("ItemAdjustment", CaFormat.money(amount.decimalValue()));
            return;
        }
        String type = anyShipped ? "Refund" : "Cancellation";
        String forced = outcome.get();
        int made = 0;
        for (JsonNode item : o.withArray("Items")) {
            ObjectNode i = (ObjectNode) item;
            int left = i.get("Quantity").asInt() - adjusted(i, null, false);
            if (left > 0) {
                ObjectNode a = adjustment(o, i, left, reason, type, v, now, forced);
                proportional(a, i, left);
                made++;
            }
        }
        if (made == 0) {
            throw new ApiError(400, "Every item of order " + id + " is already adjusted.");
        }
    }

    /** {@code POST /v1/OrderItems(ID)/Adjust}: a quantity alone refunds its share of item, tax and shipping. */
    public void adjustItem(long itemId, JsonNode body, Instant now, Supplier<String> outcome) {
        ObjectNode item = items.get(itemId);
        if (item == null) {
            throw new ApiError(404, "Order item with ID " + itemId + " was not found.");
        }
        ObjectNode o = orders.get(item.get("OrderID").asLong());
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
        int left = item.get("Quantity").asInt() - adjusted(item, null, false);
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
        String type = shipped(o, itemId) > 0 ? "Refund" : "Cancellation";
        if (type.equals("Cancellation") && quantity > unshipped(item, false)) {
            throw new ApiError(400, "Cannot cancel " + quantity + " of order item " + itemId + ".");
        }
        ObjectNode a = adjustment(o, item, quantity, reason, type, v, now, outcome.get());
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
                                  Instant now, String forcedOutcome) {
        ObjectNode a = OrderShape.blank(OrderShape.ADJUSTMENT);
        a.put("ID", ids.nextAdjustment()).put("ProfileID", settings.profileId).put("OrderID", o.get("ID").asLong());
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
        o.withArray("Adjustments").add(a);
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
            ObjectNode o = orders.get(p.orderId);
            if (o == null || !p.outcome.equals(COMPLETE)) {
                continue;
            }
            if (a.path("IsRestock").asBoolean() && a.hasNonNull("OrderItemID")) {
                ObjectNode item = items.get(a.get("OrderItemID").asLong());
                ObjectNode product = products.bySku(item.get("Sku").asText());
                if (product != null) {
                    products.moveAvailable(product, a.get("Quantity").asInt(), now);
                }
                a.put("RestockStatus", "Restocked");
            }
            if (a.path("Type").asText().equals("Cancellation")) {
                trimOpenFulfillment(o);
            }
            updateShippingStatus(o, now);
        }
        if (changed) {
            recomputePending();
        }
    }

    /** After a cancellation, the unshipped fulfillment holds only what is still to ship. */
    private void trimOpenFulfillment(ObjectNode o) {
        ObjectNode open = openFulfillment(o);
        if (open == null) {
            return;
        }
        Map<Long, Integer> cancelled = new HashMap<>();
        for (JsonNode fi : open.withArray("Items")) {
            ObjectNode item = items.get(fi.get("OrderItemID").asLong());
            int keep = unshipped(item, true);
            if (fi.get("Quantity").asInt() > keep) {
                cancelled.put(item.get("ID").asLong(), fi.get("Quantity").asInt() - Math.max(keep, 0));
            }
        }
        takeFromOpen(o, open, cancelled);
        relink(o);
    }

    // ---------------------------------------------------------------- product quantities held by orders

    /** Sets each product's pending checkout, payment and shipment quantities from the open orders. */
    public void recomputePending() {
        Map<String, int[]> bySku = new HashMap<>();
        for (ObjectNode o : orders.values()) {
            String shipping = o.get("ShippingStatus").asText();
            if (shipping.equals("Shipped") || shipping.equals("Canceled")) {
                continue;
            }
            String checkout = o.get("CheckoutStatus").asText();
            String payment = o.get("PaymentStatus").asText();
            int slot = !checkout.startsWith("Completed") ? 0 : !(payment.equals("Cleared") || payment.equals("Deposited")) ? 1 : 2;
            for (JsonNode item : o.withArray("Items")) {
                int left = unshipped((ObjectNode) item, true);
                if (left > 0) {
                    bySku.computeIfAbsent(item.get("Sku").asText().toLowerCase(Locale.ROOT), k -> new int[3])[slot] += left;
                }
            }
        }
        for (ObjectNode p : products.all()) {
            int[] q = bySku.getOrDefault(p.get("Sku").asText().toLowerCase(Locale.ROOT), new int[3]);
            products.setPending(p, q[0], q[1], q[2]);
        }
    }

    public Map<String, Integer> countByShippingStatus() {
        Map<String, Integer> m = new TreeMap<>();
        for (ObjectNode o : orders.values()) {
            m.merge(o.get("ShippingStatus").asText(), 1, Integer::sum);
        }
        return m;
    }

    public int count() {
        return orders.size();
    }

    public int pendingAdjustments() {
        return pending.size();
    }

    private static String text(JsonNode v, String field) {
        JsonNode n = v.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }
}
