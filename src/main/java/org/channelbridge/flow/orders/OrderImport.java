package org.channelbridge.flow.orders;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.OrderRow;
import org.channelbridge.system2.OrderStore;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The Java steps of the orders flow, called by {@code routes/orders.camel.yaml} as the bean {@code orderImport}:
 * read the ready orders, complete a cut one, map and check it, save it.
 */
public final class OrderImport {

    /** What the flow asks ChannelAdvisor to expand on each order in the list call. */
    public static final String LIST_EXPAND = "Items,Fulfillments,Adjustments";

    private final ChannelAdvisorClient client;
    private final OrderStore store;
    private final OrderMapper mapper;
    private final String filter;
    private final boolean requireKnownSkus;
    private final FlowStats stats;

    public OrderImport(ChannelAdvisorClient client, OrderStore store, long profileId, String filter,
                       boolean requireKnownSkus, FlowStats stats) {
        this.stats = stats;
        this.client = client;
        this.store = store;
        this.mapper = new OrderMapper(profileId);
        this.filter = filter;
        this.requireKnownSkus = requireKnownSkus;
    }

    /**
     * Every order not yet exported by this application that is valid for fulfilment, following every page; pages
     * are read as the split advances.
     */
    public Iterator<JsonNode> readyOrders() {
        return client.orders(filter, LIST_EXPAND);
    }

    public String filter() {
        return filter;
    }

    /** ChannelAdvisor cuts expanded collections at 20 in list calls; such an order is read again, whole. */
    public JsonNode complete(JsonNode order) {
        if (ChannelAdvisorClient.hasTruncatedCollections(order)) {
            stats.tally("orders", FlowStats.COMPLETED, 1);
            return client.getOrder(order.path("ID").asLong());
        }
        return order;
    }

    public OrderRow toRow(JsonNode order) throws SQLException {
        OrderRow row = mapper.toRow(order);
        if (requireKnownSkus) {
            Set<String> unknown = store.unknownSkus(row.items().stream().map(i -> (String) i.get("sku")).toList());
            if (!unknown.isEmpty()) {
                throw new InvalidItemException("Order " + row.caOrderId() + " has item(s) with Sku "
                        + String.join(", ", unknown) + ", which System2's products table does not hold.");
            }
        }
        return row;
    }

    public String save(OrderRow row) throws SQLException {
        return store.save(row).name();
    }

    /** The business key of an order: its ChannelAdvisor ID. */
    public static String keyOf(JsonNode order) {
        return order.path("ID").asText();
    }

    /** A short text of the order for a dead letter: the fields a person needs to find it. */
    public static Map<String, Object> summaryOf(JsonNode order) {
        return Map.of("ID", order.path("ID").asLong(), "SiteName", order.path("SiteName").asText(""),
                "SiteOrderID", order.path("SiteOrderID").asText(""));
    }
}
