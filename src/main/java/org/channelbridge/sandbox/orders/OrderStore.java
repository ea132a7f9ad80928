package org.channelbridge.sandbox.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.api.ApiError;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.odata.FieldType;
import org.channelbridge.sandbox.products.ProductStore;

import java.math.BigDecimal;
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

/**
 * One profile's orders with their items, fulfillments and adjustments (items 17-24): seeding and creation, the
 * per-application export flag, the quantities open orders hold, and the quantity arithmetic that
 * {@link Shipments} and {@link Adjustments} share. Not thread-safe: the sandbox calls it under its state lock.
 */
public final class OrderStore {
    public static final String TYPE = "Order";
    public static final ObjectNode TEMPLATE = OrderShape.template();
    static final String COMPLETE = "PostProcessingComplete";

    private final SandboxSettings settings;
    private final long profileId;
    private final ProductStore products;
    private final OrderNumbering numbering;
    private final Map<Long, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<Long, ObjectNode> items = new HashMap<>();
    private final Map<Long, Set<String>> exportedBy = new HashMap<>();
    private final Shipments shipments;
    private final Adjustments adjustments;

    /** The orders of {@code products}' profile; {@code numbering} is shared by every profile's order store. */
    public OrderStore(SandboxSettings settings, ProductStore products, OrderNumbering numbering) {
        this.settings = settings;
        this.profileId = products.profileId();
        this.products = products;
        this.numbering = numbering;
        this.shipments = new Shipments(this, settings, products);
        this.adjustments = new Adjustments(this, settings, products);
    }

    /** Ship and the fulfillment endpoints. */
    public Shipments shipments() {
        return shipments;
    }

    /** Adjust and the asynchronous processing of adjustments. */
    public Adjustments adjustments() {
        return adjustments;
    }

    ObjectNode find(long id) {
        return orders.get(id);
    }

    /** An order item by its ID, or null. */
    ObjectNode item(long id) {
        return items.get(id);
    }

    OrderIds ids() {
        return numbering.ids();
    }

    public long profileId() {
        return profileId;
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
        adjustments.reset();
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
        OrderSeeder seeder = numbering.seeder();
        for (OrderSeeder.Plan plan : seeder.plans(count, readyOnly, withManyItems, unknownSkus)) {
            ObjectNode o = seeder.build(plan, profileId, now, candidates, ids());
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

    // ---------------------------------------------------------------- create through the API (item 24)

    private static final Map<String, Set<String>> ENUMS = Map.of(
            "CheckoutStatus", Set.of("NotVisited", "Completed", "Visited", "CompletedAndVisited", "Disabled",
                    "CompletedOffline", "OnHold"),
            "PaymentStatus", Set.of("NotYetSubmitted", "Cleared", "Submitted", "Failed", "Deposited"),
            "ShippingStatus", Set.of("Unshipped", "Shipped", "PartiallyShipped", "PendingShipment", "Canceled",
                    "ThirdPartyManaged"));
    private static final Set<String> ORDER_MONEY = Set.of("TotalPrice", "TotalTaxPrice", "TotalShippingPrice",
            "TotalShippingTaxPrice", "TotalInsurancePrice", "TotalGiftOptionPrice", "TotalGiftOptionTaxPrice",
            "AdditionalCostOrDiscount", "PromotionAmount");
    private static final Set<String> ITEM_MONEY = Set.of("UnitPrice", "TaxPrice", "ShippingPrice", "ShippingTaxPrice",
            "RecyclingFee", "UnitEstimatedShippingCost", "GiftPrice", "GiftTaxPrice");

    /**
     * {@code POST /v1/Orders}: an order with its Items; statuses default to a ready-to-ship order, totals are the
     * sums of the items, and it gets its default fulfillment.
     */
    public ObjectNode create(JsonNode body, Instant now) {
        if (!body.isObject()) {
            throw new ApiError(400, "The request body must be an Order object.");
        }
        ObjectNode o = OrderShape.blank(OrderShape.ORDER, OrderShape.ORDER_NAVIGATIONS);
        copyFields(body, o, ORDER_MONEY, "Order", Set.of("ID", "ProfileID", "Items", "ImportDateUtc", "UpdatedDateUtc"));
        long id = ids().nextOrder();
        o.put("ID", id).put("ProfileID", profileId).put("ImportDateUtc", CaFormat.date(now))
                .put("UpdatedDateUtc", CaFormat.date(now));
        defaultText(o, "Currency", "USD");
        defaultText(o, "CheckoutStatus", "Completed");
        defaultText(o, "PaymentStatus", "Cleared");
        defaultText(o, "ShippingStatus", "Unshipped");
        defaultText(o, "CreatedDateUtc", CaFormat.date(now));
        ENUMS.forEach((field, values) -> {
            if (!values.contains(o.get(field).asText())) {
                throw new ApiError(400, "'" + o.get(field).asText() + "' is not a valid " + field + ".");
            }
        });
        JsonNode lines = body.get("Items");
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw new ApiError(400, "An order needs at least one item in Items.");
        }
        for (JsonNode line : lines) {
            ObjectNode item = OrderShape.item();
            copyFields(line, item, ITEM_MONEY, "OrderItem", Set.of("ID", "ProfileID", "OrderID", "ProductID"));
            String sku = text(line, "Sku");
            JsonNode q = line.get("Quantity");
            if (sku == null || q == null || !q.isIntegralNumber() || q.intValue() <= 0 || !line.path("UnitPrice").isNumber()) {
                throw new ApiError(400, "Each item needs a Sku, a positive whole Quantity and a UnitPrice.");
            }
            ObjectNode product = products.bySku(sku);
            item.put("ID", ids().nextItem()).put("ProfileID", profileId).put("OrderID", id)
                    .put("ProductID", product == null ? 0 : product.get("ID").asLong());
            defaultText(item, "Title", product == null || product.get("Title").isNull() ? sku : product.get("Title").asText());
            for (String m : ITEM_MONEY) {
                if (item.get(m).isNull()) {
                    item.set(m, CaFormat.money(BigDecimal.ZERO));
                }
            }
            item.put("IsBundle", false);
            o.withArray("Items").add(item);
        }
        OrderSeeder.totals(o);
        OrderSeeder.defaultFulfillment(o, profileId, now, ids());
        add(o, now);
        recomputePending();
        return o;
    }

    private static void copyFields(JsonNode from, ObjectNode to, Set<String> money, String type, Set<String> skipped) {
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (skipped.contains(name) || name.startsWith("@odata.")) {
                continue;
            }
            JsonNode current = to.get(name);
            if (current == null || current.isArray()) {
                throw new ApiError(400, "The property '" + name + "' does not exist on type "
                        + "'ChannelAdvisor.RestApi.V1.Models." + type + "'.");
            }
            FieldType t = money.contains(name) ? FieldType.MONEY : name.endsWith("DateUtc") ? FieldType.DATE
                    : name.equals("Quantity") || name.equals("SiteID") || name.equals("FlagID") ? FieldType.INT
                    : name.equals("BuyerEmailOptIn") || name.equals("IsBundle") ? FieldType.BOOL : FieldType.STRING;
            JsonNode v = t.coerce(f.getValue());
            if (v == null) {
                throw new ApiError(400, "Cannot convert the value of '" + name + "' to " + t.edmName() + ".");
            }
            to.set(name, v);
        }
    }

    private static void defaultText(ObjectNode n, String field, String value) {
        if (n.get(field).isNull()) {
            n.put(field, value);
        }
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

    static void takeFromOpen(ObjectNode o, ObjectNode open, Map<Long, Integer> shipped) {
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

    static ObjectNode openFulfillment(ObjectNode o) {
        for (JsonNode f : o.withArray("Fulfillments")) {
            if (f.path("DeliveryStatus").asText().equals("NoChange")) {
                return (ObjectNode) f;
            }
        }
        return null;
    }

    static int shipped(ObjectNode o, long itemId) {
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
    int unshipped(ObjectNode item, boolean processedOnly) {
        ObjectNode o = orders.get(item.get("OrderID").asLong());
        return item.get("Quantity").asInt() - shipped(o, item.get("ID").asLong()) - adjusted(item, "Cancellation", processedOnly);
    }

    static int adjusted(ObjectNode item, String type, boolean processedOnly) {
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

    void updateShippingStatus(ObjectNode o, Instant now) {
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
    static void relink(ObjectNode o) {
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

    // ---------------------------------------------------------------- fulfillments (item 22)

    ObjectNode fulfillment(long id) {
        for (ObjectNode o : orders.values()) {
            for (JsonNode f : o.withArray("Fulfillments")) {
                if (f.get("ID").asLong() == id) {
                    return (ObjectNode) f;
                }
            }
        }
        throw new ApiError(id < 0 ? 400 : 404, "Fulfillment with ID " + id + " was not found.");
    }

    // ---------------------------------------------------------------- adjust

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

    static String text(JsonNode v, String field) {
        JsonNode n = v.get(field);
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }
}
