package org.channelbridge.flow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What ChannelAdvisor's copy of an order says has happened to it: per item, how much was ordered, shipped,
 * cancelled or otherwise adjusted, and which fulfillments and adjustments the bridge already created there. Read
 * from an order fetched with its Items, Fulfillments (with their Items) and Adjustments.
 */
public final class OrderProgress {

    private final JsonNode order;
    private final Map<Long, JsonNode> items = new LinkedHashMap<>();

    private OrderProgress(JsonNode order) {
        this.order = order;
        for (JsonNode item : order.path("Items")) {
            items.put(item.path("ID").asLong(), item);
        }
    }

    public static OrderProgress of(JsonNode order) {
        return new OrderProgress(order);
    }

    public long orderId() {
        return order.path("ID").asLong();
    }

    public boolean isCanceled() {
        return "Canceled".equals(order.path("ShippingStatus").asText());
    }

    public boolean hasItem(long itemId) {
        return items.containsKey(itemId);
    }

    public List<Long> itemIds() {
        return new ArrayList<>(items.keySet());
    }

    public String skuOf(long itemId) {
        return items.containsKey(itemId) ? items.get(itemId).path("Sku").asText("") : "";
    }

    public int ordered(long itemId) {
        return items.containsKey(itemId) ? items.get(itemId).path("Quantity").asInt() : 0;
    }

    /** Units in fulfillments that shipped (a fulfillment still at DeliveryStatus NoChange has not). */
    public int shipped(long itemId) {
        int n = 0;
        for (JsonNode f : order.path("Fulfillments")) {
            String status = f.path("DeliveryStatus").asText("NoChange");
            if (status.equals("NoChange") || status.equals("Canceled")) {
                continue;
            }
            for (JsonNode line : f.path("Items")) {
                if (line.path("OrderItemID").asLong() == itemId) {
                    n += line.path("Quantity").asInt();
                }
            }
        }
        return n;
    }

    public boolean anyShipped() {
        return items.keySet().stream().anyMatch(id -> shipped(id) > 0);
    }

    /** Units that neither shipped nor are cancelled (or being cancelled). */
    public int leftToShip(long itemId) {
        return ordered(itemId) - shipped(itemId) - adjusted(itemId, "Cancellation");
    }

    /** Units not yet covered by any cancellation or refund that has not failed. */
    public int leftToAdjust(long itemId) {
        return ordered(itemId) - adjusted(itemId, null);
    }

    /**
     * The fulfillment the bridge made for a shipment: the one carrying its SellerFulfillmentID, or, when a tracking
     * number is given, a shipped fulfillment with that tracking number.
     */
    public Optional<JsonNode> fulfillmentOf(String sellerFulfillmentId, String trackingNumber) {
        for (JsonNode f : order.path("Fulfillments")) {
            if (sellerFulfillmentId.equals(f.path("SellerFulfillmentID").asText(null))) {
                return Optional.of(f);
            }
        }
        if (trackingNumber != null && !trackingNumber.isBlank()) {
            for (JsonNode f : order.path("Fulfillments")) {
                if (trackingNumber.equalsIgnoreCase(f.path("TrackingNumber").asText(""))
                        && !"NoChange".equals(f.path("DeliveryStatus").asText("NoChange"))) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The adjustments carrying this SellerAdjustmentID (an order-level one may be split per item). */
    public List<JsonNode> adjustmentsOf(String sellerAdjustmentId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode a : order.path("Adjustments")) {
            if (sellerAdjustmentId.equals(a.path("SellerAdjustmentID").asText(null))) {
                found.add(a);
            }
        }
        return found;
    }

    private int adjusted(long itemId, String type) {
        int n = 0;
        for (JsonNode a : order.path("Adjustments")) {
            if (a.path("OrderItemID").asLong(-1) != itemId || "Error".equals(a.path("RequestStatus").asText())
                    || (type != null && !type.equals(a.path("Type").asText()))) {
                continue;
            }
            n += a.path("Quantity").asInt();
        }
        return n;
    }
}
