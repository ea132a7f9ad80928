package org.channelbridge.sandbox.products;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.api.ApiError;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.odata.FieldType;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One profile's product catalog (items 7-14): entities by server-assigned ID, Skus unique in the profile without
 * regard to case. Not thread-safe: the sandbox calls it under its state lock.
 */
public final class ProductStore {
    public static final String TYPE = "Product";
    public static final ObjectNode TEMPLATE = ProductShape.template();
    private static final Set<String> UPDATE_TYPES = Set.of("Absolute", "Relative", "Available", "InStock", "UnShipped",
            "Unconfirmed");

    private final SandboxSettings settings;
    private final long profileId;
    private final ProductIds ids;
    private final Map<Long, ObjectNode> byId = new LinkedHashMap<>();
    private final Map<String, ObjectNode> bySku = new HashMap<>();

    /** The catalog of profile {@code profileId}; {@code ids} is shared by every profile's catalog. */
    public ProductStore(SandboxSettings settings, long profileId, ProductIds ids) {
        this.settings = settings;
        this.profileId = profileId;
        this.ids = ids;
    }

    public long profileId() {
        return profileId;
    }

    public Collection<ObjectNode> all() {
        return byId.values();
    }

    public int count() {
        return byId.size();
    }

    public ObjectNode get(long id) {
        ObjectNode p = byId.get(id);
        if (p == null) {
            throw new ApiError(404, "Product with ID " + id + " was not found.");
        }
        return p;
    }

    public ObjectNode bySku(String sku) {
        return sku == null ? null : bySku.get(sku.toLowerCase(Locale.ROOT));
    }

    public void reset() {
        byId.clear();
        bySku.clear();
    }

    /** {@code POST /v1/Products}: the fields of the body; navigation properties in it are ignored. */
    public ObjectNode create(JsonNode body, Instant now) {
        if (!body.isObject()) {
            throw new ApiError(400, "The request body must be a Product object.");
        }
        JsonNode sku = body.get("Sku");
        if (sku == null || !sku.isTextual() || sku.textValue().isBlank()) {
            throw new ApiError(400, "The Sku field is required.");
        }
        if (settings.duplicateSkuRejected && bySku(sku.textValue()) != null) {
            throw new ApiError(400, "A product with Sku '" + sku.textValue() + "' already exists.");
        }
        ObjectNode p = ProductShape.blank();
        applyFields(p, body, true);
        long id = ids.next();
        p.put("ID", id);
        p.put("ProfileID", profileId);
        String stamp = CaFormat.date(now);
        p.put("CreateDateUtc", stamp);
        p.put("UpdateDateUtc", stamp);
        p.put("QuantityUpdateDateUtc", stamp);
        ArrayNode dcs = p.withArray("DCQuantities");
        for (SandboxSettings.DistributionCenter dc : settings.distributionCenters) {
            dcs.addObject().put("ProductID", id).put("ProfileID", profileId)
                    .put("DistributionCenterID", dc.id()).put("AvailableQuantity", 0);
        }
        // Navigation properties (DCQuantities, Attributes, Labels, Images...) in a create body are accepted and
        // ignored: ChannelAdvisor documents quantity and the like as steps after the create, not as part of it
        // (reference 2.2, create-time quantity [?]), so the strictest reading is that they do not take effect.
        recomputeTotals(p);
        byId.put(id, p);
        bySku.put(sku.textValue().toLowerCase(Locale.ROOT), p);
        return p;
    }

    /** {@code PUT}/{@code PATCH}: only the fields sent change. */
    public void update(long id, JsonNode body, Instant now) {
        ObjectNode p = get(id);
        if (!body.isObject()) {
            throw new ApiError(400, "The request body must be a Product object.");
        }
        String oldSku = p.get("Sku").textValue();
        JsonNode sku = body.get("Sku");
        if (sku != null) {
            if (!sku.isTextual() || sku.textValue().isBlank()) {
                throw new ApiError(400, "The Sku field cannot be empty.");
            }
            ObjectNode other = bySku(sku.textValue());
            if (other != null && other != p) {
                throw new ApiError(400, "A product with Sku '" + sku.textValue() + "' already exists.");
            }
        }
        applyFields(p, body, false);
        if (sku != null) {
            bySku.remove(oldSku.toLowerCase(Locale.ROOT));
            bySku.put(sku.textValue().toLowerCase(Locale.ROOT), p);
        }
        p.put("UpdateDateUtc", CaFormat.date(now));
    }

    public void delete(long id) {
        ObjectNode p = get(id);
        byId.remove(id);
        bySku.remove(p.get("Sku").textValue().toLowerCase(Locale.ROOT));
    }

    private static void applyFields(ObjectNode p, JsonNode body, boolean creating) {
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (name.startsWith("@odata.") || name.equals("CopyToChildren")) {
                continue;
            }
            FieldType type = ProductShape.FIELDS.get(name);
            if (type == null) {
                if (creating && p.get(name) != null && p.get(name).isArray()) {
                    continue;
                }
                throw new ApiError(400, "The property '" + name + "' does not exist on type "
                        + "'ChannelAdvisor.RestApi.V1.Models.Product'. Make sure to only use property names that are "
                        + "defined by the type.");
            }
            if (ProductShape.READ_ONLY.contains(name)) {
                continue;
            }
            JsonNode v = type.coerce(f.getValue());
            if (v == null) {
                throw new ApiError(400, "Cannot convert the value of '" + name + "' to " + type.edmName() + ".");
            }
            if (name.equals("BundleType") && (v.isNull() || !ProductShape.BUNDLE_TYPES.contains(v.textValue()))) {
                throw new ApiError(400, "'" + f.getValue() + "' is not a valid BundleType.");
            }
            p.set(name, v);
        }
    }

    /** {@code POST /v1/Products(ID)/UpdateQuantity} (item 12). */
    public void updateQuantity(long id, JsonNode body, Instant now) {
        ObjectNode p = get(id);
        JsonNode value = body.get("Value");
        if (value == null || !value.isObject()) {
            throw new ApiError(400, "The request body must be {\"Value\":{\"UpdateType\":...,\"Updates\":[...]}}.");
        }
        String type = updateType(value.path("UpdateType").asText(""));
        JsonNode updates = value.get("Updates");
        if (updates == null || !updates.isArray() || updates.isEmpty()) {
            throw new ApiError(400, "Updates must list at least one distribution center quantity.");
        }
        for (JsonNode u : updates) {
            JsonNode dc = u.get("DistributionCenterID");
            JsonNode q = u.get("Quantity");
            if (dc == null || !dc.isIntegralNumber() || !knownDc(dc.intValue())) {
                throw new ApiError(400, "Unknown DistributionCenterID " + dc + ".");
            }
            if (q == null || !q.isIntegralNumber()) {
                throw new ApiError(400, "Quantity must be a whole number.");
            }
        }
        boolean first = true;
        for (JsonNode u : updates) {
            applyQuantity(p, type, u.get("DistributionCenterID").intValue(), u.get("Quantity").intValue(), first);
            first = false;
        }
        quantityChanged(p, now);
    }

    /** The canonical UpdateType name, or 400 for one ChannelAdvisor does not know. */
    public static String updateType(String name) {
        for (String t : UPDATE_TYPES) {
            if (t.equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new ApiError(400, "'" + name + "' is not a valid UpdateType; use Absolute, Relative, Available, "
                + "InStock or UnShipped.");
    }

    /**
     * Applies one quantity. Available, InStock and UnShipped take the seller's on-hand count and subtract the
     * open and pending quantities; those are product-wide, so they are subtracted only once per call.
     */
    public void applyQuantity(ObjectNode p, String type, int dcId, int quantity, boolean subtractPending) {
        ObjectNode entry = dcEntry(p, dcId);
        int current = entry.path("AvailableQuantity").asInt();
        int pending = 0;
        if (subtractPending) {
            int open = p.path("OpenAllocatedQuantity").asInt();
            int checkout = p.path("PendingCheckoutQuantity").asInt();
            int payment = p.path("PendingPaymentQuantity").asInt();
            int shipment = p.path("PendingShipmentQuantity").asInt();
            pending = switch (type) {
                case "Available" -> open;
                case "InStock" -> open + checkout + payment;
                case "UnShipped", "Unconfirmed" -> open + checkout + payment + shipment;
                default -> 0;
            };
        }
        int result = type.equals("Relative") ? current + quantity : type.equals("Absolute") ? quantity : quantity - pending;
        entry.put("AvailableQuantity", Math.max(0, result));
    }

    public void quantityChanged(ObjectNode p, Instant now) {
        recomputeTotals(p);
        String stamp = CaFormat.date(now);
        p.put("QuantityUpdateDateUtc", stamp);
        p.put("UpdateDateUtc", stamp);
    }

    public boolean knownDc(int id) {
        return settings.distributionCenters.stream().anyMatch(d -> d.id() == id);
    }

    private ObjectNode dcEntry(ObjectNode p, int dcId) {
        ArrayNode dcs = p.withArray("DCQuantities");
        for (JsonNode d : dcs) {
            if (d.path("DistributionCenterID").asInt() == dcId) {
                return (ObjectNode) d;
            }
        }
        if (!knownDc(dcId)) {
            throw new ApiError(400, "Unknown DistributionCenterID " + dcId + ".");
        }
        return dcs.addObject().put("ProductID", p.get("ID").asLong()).put("ProfileID", profileId)
                .put("DistributionCenterID", dcId).put("AvailableQuantity", 0);
    }

    /** Moves available quantity of the default distribution center, e.g. when an order takes units or a restock returns them. */
    public void moveAvailable(ObjectNode p, int delta, Instant now) {
        ObjectNode entry = dcEntry(p, settings.distributionCenters.get(0).id());
        entry.put("AvailableQuantity", Math.max(0, entry.path("AvailableQuantity").asInt() + delta));
        quantityChanged(p, now);
    }

    /** Sets the quantities held by orders that are not shipped yet, as derived from the order store. */
    public void setPending(ObjectNode p, int checkout, int payment, int shipment) {
        p.put("PendingCheckoutQuantity", checkout).put("PendingCheckoutQuantityPooled", checkout);
        p.put("PendingPaymentQuantity", payment).put("PendingPaymentQuantityPooled", payment);
        p.put("PendingShipmentQuantity", shipment).put("PendingShipmentQuantityPooled", shipment);
        recomputeTotals(p);
    }

    private static void recomputeTotals(ObjectNode p) {
        int available = 0;
        for (JsonNode d : p.withArray("DCQuantities")) {
            available += d.path("AvailableQuantity").asInt();
        }
        int total = available + p.path("OpenAllocatedQuantity").asInt() + p.path("PendingCheckoutQuantity").asInt()
                + p.path("PendingPaymentQuantity").asInt() + p.path("PendingShipmentQuantity").asInt();
        p.put("TotalAvailableQuantity", available);
        p.put("TotalQuantity", total);
        p.put("TotalQuantityPooled", total);
    }

    // ---------------------------------------------------------------- attributes and labels

    /** {@code POST /v1/Products(ID)/UpdateAttributes} with {@code {"Value":{"Attributes":[{Name,Value}]}}}. */
    public void updateAttributes(long id, JsonNode body, Instant now) {
        ObjectNode p = get(id);
        JsonNode list = body.path("Value").path("Attributes");
        if (!list.isArray()) {
            throw new ApiError(400, "The request body must be {\"Value\":{\"Attributes\":[{\"Name\":...,\"Value\":...}]}}.");
        }
        for (JsonNode a : list) {
            checkAttribute(a.path("Name").asText(null), a.path("Value").isNull() ? null : a.path("Value").asText(null));
        }
        for (JsonNode a : list) {
            setAttribute(p, a.path("Name").asText(), a.path("Value").isNull() ? null : a.path("Value").asText(null), now);
        }
    }

    public ObjectNode attribute(long id, String name) {
        for (JsonNode a : get(id).withArray("Attributes")) {
            if (a.path("Name").asText().equalsIgnoreCase(name)) {
                return (ObjectNode) a;
            }
        }
        throw new ApiError(404, "Attribute '" + name + "' was not found on product " + id + ".");
    }

    public ObjectNode setAttribute(long id, String name, String value, Instant now) {
        checkAttribute(name, value);
        return setAttribute(get(id), name, value, now);
    }

    private static void checkAttribute(String name, String value) {
        if (name == null || name.isBlank()) {
            throw new ApiError(400, "An attribute needs a Name.");
        }
        if (name.length() > 32) {
            throw new ApiError(400, "Attribute name '" + name + "' is longer than 32 characters.");
        }
        if (value != null && value.length() > 32_000) {
            throw new ApiError(400, "The value of attribute '" + name + "' is longer than 32,000 characters.");
        }
    }

    private ObjectNode setAttribute(ObjectNode p, String name, String value, Instant now) {
        checkAttribute(name, value);
        p.put("UpdateDateUtc", CaFormat.date(now));
        for (JsonNode a : p.withArray("Attributes")) {
            if (a.path("Name").asText().equalsIgnoreCase(name)) {
                return ((ObjectNode) a).put("Value", value);
            }
        }
        return p.withArray("Attributes").addObject().put("ProductID", p.get("ID").asLong())
                .put("ProfileID", profileId).put("Name", name).put("Value", value);
    }

    public void deleteAttribute(long id, String name, Instant now) {
        ObjectNode p = get(id);
        attribute(id, name);
        ArrayNode attrs = p.withArray("Attributes");
        for (int i = 0; i < attrs.size(); i++) {
            if (attrs.get(i).path("Name").asText().equalsIgnoreCase(name)) {
                attrs.remove(i);
                break;
            }
        }
        p.put("UpdateDateUtc", CaFormat.date(now));
    }

    public ObjectNode addLabel(long id, String name, Instant now) {
        return addLabel(get(id), name, now);
    }

    private ObjectNode addLabel(ObjectNode p, String name, Instant now) {
        if (name == null || name.isBlank()) {
            throw new ApiError(400, "A label needs a Name.");
        }
        p.put("UpdateDateUtc", CaFormat.date(now));
        for (JsonNode l : p.withArray("Labels")) {
            if (l.path("Name").asText().equalsIgnoreCase(name)) {
                return (ObjectNode) l;
            }
        }
        return p.withArray("Labels").addObject().put("ProductID", p.get("ID").asLong())
                .put("ProfileID", profileId).put("Name", name);
    }

    public void removeLabel(long id, String name, Instant now) {
        ArrayNode labels = get(id).withArray("Labels");
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).path("Name").asText().equalsIgnoreCase(name)) {
                labels.remove(i);
                get(id).put("UpdateDateUtc", CaFormat.date(now));
                return;
            }
        }
        throw new ApiError(404, "Label '" + name + "' was not found on product " + id + ".");
    }
}
