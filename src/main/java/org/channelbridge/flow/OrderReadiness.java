package org.channelbridge.flow;

import org.channelbridge.system2.ShipmentStore;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Map;

/**
 * Whether a shipment or an adjustment of an order may go to ChannelAdvisor now: READY once its order is saved and
 * acknowledged in System2 and nothing earlier of that order must go first; WAITING otherwise. A row for an order
 * ChannelAdvisor does not know at all is bad input (thrown, so that the flow dead-letters it).
 */
public final class OrderReadiness {

    public static final String READY = "READY";
    public static final String WAITING = "WAITING";

    /** What must go before the row, asked only once its order is acknowledged. */
    @FunctionalInterface
    public interface Earlier {
        boolean waiting(String id, long orderId, Timestamp createdAt) throws SQLException;
    }

    private final OrderLookup orders;

    public OrderReadiness(OrderLookup orders) {
        this.orders = orders;
    }

    /**
     * @param what  "Shipment" or "Adjustment", for the sentence of a dead letter
     * @param row   the System2 row, with {@code id}, {@code ca_order_id}, {@code created_at} and {@code order_state}
     */
    public String of(String what, Map<String, Object> row, Earlier earlier) throws SQLException {
        String id = (String) row.get("id");
        long orderId = ((Number) row.get("ca_order_id")).longValue();
        switch ((String) row.get("order_state")) {
            case ShipmentStore.ORDER_ACKED:
                return earlier.waiting(id, orderId, (Timestamp) row.get("created_at")) ? WAITING : READY;
            case ShipmentStore.ORDER_SAVED:
                return WAITING;
            default:
                if (!orders.exists(orderId)) {
                    throw new InvalidItemException(what + " " + id + " is for order " + orderId
                            + ", which ChannelAdvisor does not know.");
                }
                return WAITING;
        }
    }
}
