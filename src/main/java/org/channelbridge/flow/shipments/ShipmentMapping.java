package org.channelbridge.flow.shipments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.flow.OrderProgress;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The mapping step of the shipments flow (bean {@code shipmentMapping} of {@code routes/shipments.camel.yaml}): a
 * System2 shipment and its items become ChannelAdvisor's Ship request, checked against the order as ChannelAdvisor
 * holds it and against the account's carriers. Also tells whether the Ship already happened, so that a send that may
 * have gone through (crash, time-out, redelivery) is found instead of being repeated.
 */
public final class ShipmentMapping {

    private final CarrierRules rules;
    private final Map<String, String> extraFields;

    /**
     * @param extraFields Ship field → System2 {@code shipments} column, for the integrator's own columns
     *                    ({@code shipments.map.<field>=<column>}); a column that is empty sends nothing
     */
    public ShipmentMapping(CarrierRules rules, Map<String, String> extraFields) {
        this.rules = rules;
        this.extraFields = Map.copyOf(extraFields);
    }

    /**
     * True when the order already has the fulfillment this shipment makes: one carrying its SellerFulfillmentID, or,
     * when our own send may have happened (the row is SENDING), a shipped one with its tracking number.
     */
    public boolean alreadyShipped(Map<String, Object> shipment, JsonNode order) {
        String id = (String) shipment.get("id");
        String tracking = "SENDING".equals(shipment.get("status")) ? text(shipment.get("tracking_number")) : null;
        return OrderProgress.of(order).fulfillmentOf(id, tracking).isPresent();
    }

    /**
     * The Ship request of the shipment (no items: the whole order); bad input — a carrier or class the account does
     * not take, no tracking number, an item not on the order, more than is left to ship, a canceled order — is an
     * {@link InvalidItemException} naming the problem.
     */
    public ObjectNode toShip(Map<String, Object> shipment, List<Map<String, Object>> lines, JsonNode orderJson) {
        String id = (String) shipment.get("id");
        String tracking = text(shipment.get("tracking_number"));
        List<String> carrierAndClass = rules.check(id, text(shipment.get("carrier")),
                text(shipment.get("shipping_class")), tracking);
        OrderProgress order = OrderProgress.of(orderJson);
        long orderId = order.orderId();
        if (order.isCanceled()) {
            throw new InvalidItemException("Shipment " + id + " is for order " + orderId
                    + ", which is canceled in ChannelAdvisor.");
        }
        ObjectNode value = JsonNodeFactory.instance.objectNode();
        Object shippedAt = shipment.get("shipped_at");
        Instant when = shippedAt instanceof Timestamp t ? t.toInstant() : Instant.now();
        value.put("ShippedDateUtc", when.toString());
        if (tracking != null) {
            value.put("TrackingNumber", tracking);
        }
        value.put("ShippingCarrier", carrierAndClass.get(0));
        value.put("ShippingClass", carrierAndClass.get(1));
        if (shipment.get("distribution_center_id") instanceof Number dc) {
            value.put("DistributionCenterID", dc.intValue());
        }
        value.put("SellerFulfillmentID", id);
        value.put("DeliveryStatus", "Complete");
        extraFields.forEach((field, column) -> {
            String extra = text(shipment.get(column));
            if (extra != null) {
                value.put(field, extra);
            }
        });
        if (lines == null || lines.isEmpty()) {
            if (order.itemIds().stream().noneMatch(item -> order.leftToShip(item) > 0)) {
                throw new InvalidItemException("Shipment " + id + " ships the whole order " + orderId
                        + ", but nothing of it is left to ship.");
            }
            return value;
        }
        ArrayNode items = value.putArray("Items");
        for (Map<String, Object> line : lines) {
            long itemId = ((Number) line.get("ca_order_item_id")).longValue();
            int quantity = ((Number) line.get("quantity")).intValue();
            if (!order.hasItem(itemId)) {
                throw new InvalidItemException("Shipment " + id + " lists order item " + itemId
                        + ", which is not on ChannelAdvisor order " + orderId + ".");
            }
            if (quantity <= 0) {
                throw new InvalidItemException("Shipment " + id + " ships " + quantity + " of order item " + itemId
                        + "; a quantity must be at least 1.");
            }
            int left = order.leftToShip(itemId);
            if (quantity > left) {
                throw new InvalidItemException("Shipment " + id + " ships " + quantity + " of order item " + itemId
                        + " (Sku " + order.skuOf(itemId) + ") of order " + orderId + ", but only " + left
                        + " is left to ship.");
            }
            items.addObject().put("OrderItemID", itemId).put("Quantity", quantity);
        }
        return value;
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }
}
