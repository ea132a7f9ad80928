package org.channelbridge.flow.shipments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.flow.OrderLookup;
import org.channelbridge.flow.OrderProgress;
import org.channelbridge.flow.OrderReadiness;
import org.channelbridge.system2.ShipmentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Java steps of the shipments flow, called by {@code routes/shipments.camel.yaml} as the bean {@code shipments}.
 * A Ship call cannot share a transaction with System2, so its effect is made exactly-once by an intent record:
 * the row is SENDING before the call and SENT after it, and the order's fulfillments in ChannelAdvisor are read
 * before every send, so that a call that may already have happened (crash, timeout, redelivery) is found by its
 * SellerFulfillmentID instead of being made twice.
 */
public final class ShipmentSender {

    public static final String READY = OrderReadiness.READY;
    public static final String WAITING = OrderReadiness.WAITING;
    public static final String SENT = "SENT";
    public static final String ALREADY_SENT = "ALREADY_SENT";

    private static final Logger LOG = LoggerFactory.getLogger(ShipmentSender.class);

    private final ChannelAdvisorClient client;
    private final OrderLookup orders;
    private final OrderReadiness readiness;
    private final ShipmentStore store;
    private final CarrierRules rules;
    private final long profileId;

    public ShipmentSender(ChannelAdvisorClient client, ShipmentStore store, CarrierRules rules, long profileId) {
        this.client = client;
        this.orders = new OrderLookup(client);
        this.readiness = new OrderReadiness(orders);
        this.store = store;
        this.rules = rules;
        this.profileId = profileId;
    }

    /** Shipments not yet sent (NEW, or SENDING when a send was interrupted), one order's in creation order. */
    public List<Map<String, Object>> unsent() throws SQLException {
        return store.unsent(profileId);
    }

    /**
     * READY when the shipment may go now; WAITING while its order is not yet saved and acknowledged in System2 or an
     * earlier shipment of the order is not yet sent. A shipment for an order ChannelAdvisor does not know at all is
     * bad input.
     */
    public String readiness(Map<String, Object> row) throws SQLException {
        return readiness.of("Shipment", row,
                (id, orderId, createdAt) -> store.hasEarlierUnsent(id, orderId, profileId, createdAt));
    }

    /** Sends the shipment unless ChannelAdvisor already has it; SENT or ALREADY_SENT. */
    public String send(Map<String, Object> row) throws SQLException {
        String id = (String) row.get("id");
        Map<String, Object> shipment = store.find(id).orElseThrow(() ->
                new InvalidItemException("Shipment " + id + " is no longer in System2."));
        String status = (String) shipment.get("status");
        if (SENT.equals(status)) {
            return ALREADY_SENT;
        }
        long orderId = ((Number) shipment.get("ca_order_id")).longValue();
        String tracking = text(shipment.get("tracking_number"));
        OrderProgress order = orders.progress(orderId);
        // A tracking number identifies our fulfillment only when our own send may have happened.
        if (order.fulfillmentOf(id, "SENDING".equals(status) ? tracking : null).isPresent()) {
            store.markSent(id);
            LOG.info("shipments: {} was already in ChannelAdvisor (order {}); marked sent", id, orderId);
            return ALREADY_SENT;
        }
        List<String> carrierAndClass = rules.check(id, text(shipment.get("carrier")),
                text(shipment.get("shipping_class")), tracking);
        ObjectNode value = request(id, shipment, order, carrierAndClass, tracking);
        store.markSending(id);
        client.shipOrder(orderId, value);
        store.markSent(id);
        return SENT;
    }

    /** Bad input or a rejected call: the shipment will not be sent as it is. */
    public void markFailed(@ExchangeProperty("bridgeBusinessKey") String id,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) throws SQLException {
        store.markFailed(id, cause == null ? "failed" : cause.getMessage());
    }

    public static String keyOf(Map<String, Object> row) {
        return String.valueOf(row.get("id"));
    }

    private ObjectNode request(String id, Map<String, Object> shipment, OrderProgress order,
                               List<String> carrierAndClass, String tracking) {
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
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) shipment.get("items");
        if (lines.isEmpty()) {
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
