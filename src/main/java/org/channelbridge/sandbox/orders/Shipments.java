package org.channelbridge.sandbox.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.api.ApiError;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.products.ProductStore;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ship and the fulfillment endpoints (items 21-22): whole and partial shipments with ChannelAdvisor's rules on
 * carriers, classes, distribution centers and quantities. Called under the sandbox's state lock.
 */
public final class Shipments {
    private final OrderStore store;
    private final SandboxSettings settings;
    private final ProductStore products;

    Shipments(OrderStore store, SandboxSettings settings, ProductStore products) {
        this.store = store;
        this.settings = settings;
        this.products = products;
    }

    /** {@code POST /v1/Orders(ID)/Ship} with {@code {"Value":{...}}} (item 21). */
    public void ship(long id, JsonNode body, Instant now) {
        ObjectNode o = store.get(id);
        JsonNode v = body.get("Value");
        if (v == null || !v.isObject()) {
            throw new ApiError(400, "The request body must be {\"Value\":{...}} with the shipment.");
        }
        if (o.get("ShippingStatus").asText().equals("Canceled")) {
            throw new ApiError(400, "Order " + id + " is canceled and cannot be shipped.");
        }
        String carrier = OrderStore.text(v, "ShippingCarrier");
        String shippingClass = OrderStore.text(v, "ShippingClass");
        checkCarrier(carrier, shippingClass);
        int dc = v.path("DistributionCenterID").asInt(settings.distributionCenters.get(0).id());
        if (!products.knownDc(dc)) {
            throw new ApiError(400, "Unknown DistributionCenterID " + dc + ".");
        }
        String delivery = v.hasNonNull("DeliveryStatus") ? v.get("DeliveryStatus").asText() : "Complete";
        boolean ships = !delivery.equals("NoChange");
        Map<Long, Integer> wanted = shipQuantities(o, v.get("Items"));
        ObjectNode open = OrderStore.openFulfillment(o);
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
            wanted.forEach((itemId, q) -> fi.add(fulfillmentItem(o, target, store.item(itemId), q)));
        } else {
            target = OrderShape.fulfillment();
            target.put("ID", store.ids().nextFulfillment()).put("ProfileID", store.profileId()).put("OrderID", id)
                    .put("CreatedDateUtc", CaFormat.date(now)).put("Type", "Ship").put("HasShippingLabel", false);
            wanted.forEach((itemId, q) -> target.withArray("Items").add(fulfillmentItem(o, target, store.item(itemId), q)));
            if (open != null) {
                OrderStore.takeFromOpen(o, open, wanted);
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
        OrderStore.relink(o);
        store.updateShippingStatus(o, now);
        store.recomputePending();
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
                int left = store.unshipped((ObjectNode) item, false);
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
            int left = store.unshipped(store.item(itemId), false);
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
        return fi.put("ID", store.ids().nextFulfillmentItem()).put("ProfileID", store.profileId())
                .put("FulfillmentID", fulfillment.get("ID").asLong()).put("OrderID", o.get("ID").asLong())
                .put("OrderItemID", item.get("ID").asLong()).put("ProductID", item.get("ProductID").asLong())
                .put("Quantity", quantity);
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

    /** {@code POST /v1/Fulfillments} with {@code {OrderID}}: a new, empty, unshipped fulfillment. */
    public ObjectNode createFulfillment(JsonNode body, Instant now) {
        ObjectNode o = store.get(body.path("OrderID").asLong(-1));
        ObjectNode f = OrderShape.fulfillment();
        f.put("ID", store.ids().nextFulfillment()).put("ProfileID", store.profileId()).put("OrderID", o.get("ID").asLong())
                .put("CreatedDateUtc", CaFormat.date(now)).put("UpdatedDateUtc", CaFormat.date(now)).put("Type", "Ship")
                .put("DeliveryStatus", "NoChange").put("DistributionCenterID", settings.distributionCenters.get(0).id())
                .put("HasShippingLabel", false);
        o.withArray("Fulfillments").add(f);
        return f;
    }

    /**
     * {@code PATCH}/{@code PUT /v1/Fulfillments(ID)}. As documented, leaving DeliveryStatus out marks the
     * fulfillment shipped; {@code NoChange} only updates its fields.
     */
    public void updateFulfillment(long id, JsonNode body, Instant now) {
        ObjectNode f = store.fulfillment(id);
        ObjectNode o = store.get(f.get("OrderID").asLong());
        if (!body.isObject()) {
            throw new ApiError(400, "The request body must be a Fulfillment object.");
        }
        String carrier = OrderStore.text(body, "ShippingCarrier");
        String shippingClass = OrderStore.text(body, "ShippingClass");
        checkCarrier(carrier, shippingClass);
        int dc = body.path("DistributionCenterID").asInt(f.path("DistributionCenterID").asInt());
        if (!products.knownDc(dc)) {
            throw new ApiError(400, "Unknown DistributionCenterID " + dc + ".");
        }
        String delivery = body.hasNonNull("DeliveryStatus") ? body.get("DeliveryStatus").asText() : "Complete";
        if (!delivery.equals("NoChange") && o.get("ShippingStatus").asText().equals("Canceled")) {
            throw new ApiError(400, "Order " + o.get("ID") + " is canceled and cannot be shipped.");
        }
        describe(f, body, carrier, shippingClass, dc, delivery, now);
        if (!delivery.equals("NoChange")) {
            Instant shippedAt = body.hasNonNull("ShippedDateUtc") ? CaFormat.parseInstant(body.get("ShippedDateUtc").asText()) : now;
            if (shippedAt == null) {
                throw new ApiError(400, "ShippedDateUtc is not a valid date.");
            }
            f.put("ShippedDateUtc", CaFormat.date(shippedAt));
            o.put("ShippingDateUtc", CaFormat.date(shippedAt));
        }
        store.updateShippingStatus(o, now);
        store.recomputePending();
    }

    /** {@code POST /v1/FulfillmentItems(ID)/Move} with {@code {DestinationFulfillmentID}}: moves the whole line. */
    public void moveFulfillmentItem(long itemId, JsonNode body, Instant now) {
        for (ObjectNode o : store.all()) {
            for (JsonNode f : o.withArray("Fulfillments")) {
                ArrayNode lines = ((ObjectNode) f).withArray("Items");
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).get("ID").asLong() != itemId) {
                        continue;
                    }
                    ObjectNode target = store.fulfillment(body.path("DestinationFulfillmentID").asLong(-1));
                    if (target.get("OrderID").asLong() != o.get("ID").asLong()) {
                        throw new ApiError(400, "The destination fulfillment belongs to another order.");
                    }
                    ObjectNode line = (ObjectNode) lines.remove(i);
                    line.put("FulfillmentID", target.get("ID").asLong());
                    target.withArray("Items").add(line);
                    OrderStore.relink(o);
                    store.updateShippingStatus(o, now);
                    store.recomputePending();
                    return;
                }
            }
        }
        throw new ApiError(404, "Fulfillment item with ID " + itemId + " was not found.");
    }
}
