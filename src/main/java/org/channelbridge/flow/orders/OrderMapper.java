package org.channelbridge.flow.orders;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.flow.InvalidItemException;
import org.channelbridge.system2.OrderRow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mapping step of the orders flow (bean {@code orderMapping} of {@code routes/orders.camel.yaml}): a
 * ChannelAdvisor order (with its Items) becomes the System2 {@code orders} and {@code order_items} rows. Columns of
 * the integrator's own are mapped from ChannelAdvisor fields by name ({@code orders.map.<column>=<Order field>},
 * {@code orders.map.item.<column>=<OrderItem field>}).
 */
public final class OrderMapper {

    /** System2 column ← ChannelAdvisor field, for the order's plain fields. */
    private static final String[][] ORDER_FIELDS = {
            {"site_name", "SiteName"}, {"site_order_id", "SiteOrderID"}, {"seller_order_id", "SellerOrderID"},
            {"buyer_email", "BuyerEmailAddress"}, {"currency", "Currency"},
            {"payment_status", "PaymentStatus"}, {"checkout_status", "CheckoutStatus"},
            {"shipping_status", "ShippingStatus"},
            {"ship_first_name", "ShippingFirstName"}, {"ship_last_name", "ShippingLastName"},
            {"ship_company", "ShippingCompanyName"}, {"ship_address_line1", "ShippingAddressLine1"},
            {"ship_address_line2", "ShippingAddressLine2"}, {"ship_city", "ShippingCity"},
            {"ship_state", "ShippingStateOrProvince"}, {"ship_postal_code", "ShippingPostalCode"},
            {"ship_country", "ShippingCountry"}, {"ship_phone", "ShippingDaytimePhone"},
            {"bill_first_name", "BillingFirstName"}, {"bill_last_name", "BillingLastName"},
            {"bill_company", "BillingCompanyName"}, {"bill_address_line1", "BillingAddressLine1"},
            {"bill_address_line2", "BillingAddressLine2"}, {"bill_city", "BillingCity"},
            {"bill_state", "BillingStateOrProvince"}, {"bill_postal_code", "BillingPostalCode"},
            {"bill_country", "BillingCountry"}, {"bill_phone", "BillingDaytimePhone"}};

    private static final String[][] ORDER_MONEY = {
            {"total_price", "TotalPrice"}, {"total_tax_price", "TotalTaxPrice"},
            {"total_shipping_price", "TotalShippingPrice"}};

    private static final String[][] ITEM_MONEY = {
            {"unit_price", "UnitPrice"}, {"tax_price", "TaxPrice"}, {"shipping_price", "ShippingPrice"}};

    /** Widths of System2's text columns (migrations V1): longer text is refused with a sentence, never cut. */
    private static final Map<String, Integer> WIDTHS = Map.ofEntries(
            Map.entry("site_name", 100), Map.entry("site_order_id", 100), Map.entry("seller_order_id", 100),
            Map.entry("buyer_email", 200), Map.entry("currency", 3), Map.entry("payment_status", 30),
            Map.entry("checkout_status", 30), Map.entry("shipping_status", 30),
            Map.entry("ship_first_name", 100), Map.entry("ship_last_name", 100), Map.entry("ship_company", 200),
            Map.entry("ship_address_line1", 200), Map.entry("ship_address_line2", 200), Map.entry("ship_city", 100),
            Map.entry("ship_state", 100), Map.entry("ship_postal_code", 30), Map.entry("ship_country", 50),
            Map.entry("ship_phone", 50), Map.entry("bill_first_name", 100), Map.entry("bill_last_name", 100),
            Map.entry("bill_company", 200), Map.entry("bill_address_line1", 200), Map.entry("bill_address_line2", 200),
            Map.entry("bill_city", 100), Map.entry("bill_state", 100), Map.entry("bill_postal_code", 30),
            Map.entry("bill_country", 50), Map.entry("bill_phone", 50), Map.entry("sku", 50), Map.entry("title", 300));

    /** System2 keeps money with four decimals, as ChannelAdvisor does. */
    private static final int MONEY_SCALE = 4;

    /** The prefix of an {@code order_items} column among the keys below {@code orders.map.}. */
    private static final String ITEM_PREFIX = "item.";

    private final long profileId;
    /** System2 columns of the integrator's own, each with the ChannelAdvisor field it takes. */
    private final Map<String, String> extraOrderColumns = new LinkedHashMap<>();
    private final Map<String, String> extraItemColumns = new LinkedHashMap<>();

    public OrderMapper(long profileId) {
        this(profileId, Map.of());
    }

    /**
     * @param extraColumns System2 column → ChannelAdvisor field, {@code item.<column>} for {@code order_items}
     *                     (the keys below {@code orders.map.})
     */
    public OrderMapper(long profileId, Map<String, String> extraColumns) {
        this.profileId = profileId;
        extraColumns.forEach((column, field) -> {
            boolean item = column.startsWith(ITEM_PREFIX);
            String name = item ? column.substring(ITEM_PREFIX.length()) : column;
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("orders.map." + column + ": '" + name + "' is not a System2 column"
                        + " name (lower case letters, digits and _).");
            }
            (item ? extraItemColumns : extraOrderColumns).put(name, field.strip());
        });
    }

    /** True when ChannelAdvisor cut the order's expanded collections at 20 (list calls do): read it again, whole. */
    public boolean isCut(JsonNode order) {
        return ChannelAdvisorClient.hasTruncatedCollections(order);
    }

    /** The Skus of the order's items. */
    public List<String> skusOf(OrderRow row) {
        return row.items().stream().map(item -> (String) item.get("sku")).distinct().toList();
    }

    /**
     * Bad input when an item's Sku is not among {@code known} (the rows of System2's products that hold the order's
     * Skus, each with its {@code sku}).
     */
    public void checkKnownSkus(OrderRow row, List<Map<String, Object>> known) {
        Set<String> unknown = new LinkedHashSet<>(skusOf(row));
        for (Map<String, Object> product : known) {
            unknown.remove(String.valueOf(product.get("sku")));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidItemException("Order " + row.caOrderId() + " has item(s) with Sku "
                    + String.join(", ", unknown) + ", which System2's products table does not hold.");
        }
    }

    public OrderRow toRow(JsonNode order) {
        long id = order.path("ID").asLong(0);
        if (id <= 0) {
            throw new InvalidItemException("A ChannelAdvisor order came without an ID; it cannot be saved.");
        }
        Map<String, Object> columns = new LinkedHashMap<>();
        for (String[] field : ORDER_FIELDS) {
            text(order, field[1]).ifPresent(v -> columns.put(field[0], fitting(v, field, "Order " + id)));
        }
        for (String[] field : ORDER_MONEY) {
            money(order, field[1], "order " + id).ifPresent(v -> columns.put(field[0], v));
        }
        text(order, "CreatedDateUtc").ifPresent(v -> columns.put("created_date_utc", instant(v, "order " + id)));
        extraOrderColumns.forEach((column, field) -> extra(order, field).ifPresent(v -> columns.put(column, v)));
        JsonNode items = order.path("Items");
        if (!items.isArray() || items.isEmpty()) {
            throw new InvalidItemException("Order " + id + " has no items, so System2 has nothing to fulfil.");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode item : items) {
            rows.add(itemRow(id, item));
        }
        long orderProfile = order.path("ProfileID").asLong(profileId);
        return new OrderRow(orderProfile, id, columns, rows);
    }

    private Map<String, Object> itemRow(long orderId, JsonNode item) {
        long itemId = item.path("ID").asLong(0);
        String what = "order " + orderId + " item " + itemId;
        if (itemId <= 0) {
            throw new InvalidItemException("Order " + orderId + " has an item without an ID.");
        }
        String sku = text(item, "Sku").orElseThrow(() ->
                new InvalidItemException("Order " + orderId + " has item " + itemId + " without a Sku."));
        int quantity = item.path("Quantity").asInt(0);
        if (quantity <= 0) {
            throw new InvalidItemException("Order " + orderId + " item " + itemId + " (Sku " + sku
                    + ") has quantity " + item.path("Quantity").asText() + "; it must be at least 1.");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ca_order_item_id", itemId);
        row.put("sku", fitting(sku, new String[] {"sku", "Sku"}, "Order " + orderId + " item " + itemId));
        text(item, "Title").ifPresent(v -> row.put("title",
                fitting(v, new String[] {"title", "Title"}, "Order " + orderId + " item " + itemId)));
        row.put("quantity", quantity);
        for (String[] field : ITEM_MONEY) {
            money(item, field[1], what).ifPresent(v -> row.put(field[0], v));
        }
        extraItemColumns.forEach((column, field) -> extra(item, field).ifPresent(v -> row.put(column, v)));
        return row;
    }

    /** A field mapped by the integrator: a number as a number, true/false as such, anything else as text. */
    private static java.util.Optional<Object> extra(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return java.util.Optional.empty();
        }
        if (value.isNumber()) {
            return java.util.Optional.of(value.decimalValue());
        }
        if (value.isBoolean()) {
            return java.util.Optional.of(value.booleanValue());
        }
        return value.asText().isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.asText().trim());
    }

    private static java.util.Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(value.asText().trim());
    }

    private static java.util.Optional<BigDecimal> money(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return java.util.Optional.empty();
        }
        if (value.isNumber()) {
            return java.util.Optional.of(value.decimalValue().setScale(MONEY_SCALE, RoundingMode.HALF_UP));
        }
        try {
            return java.util.Optional.of(new BigDecimal(value.asText().trim()).setScale(MONEY_SCALE, RoundingMode.HALF_UP));
        } catch (NumberFormatException e) {
            throw new InvalidItemException(what + " has " + field + " '" + value.asText() + "', which is not a number.");
        }
    }

    private static String fitting(String value, String[] field, String what) {
        int width = WIDTHS.getOrDefault(field[0], Integer.MAX_VALUE);
        if (value.length() > width) {
            throw new InvalidItemException(what + " has a " + field[1] + " of " + value.length()
                    + " characters; System2's column " + field[0] + " holds " + width + ".");
        }
        return value;
    }

    private static Instant instant(String text, String what) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.endsWith("Z") ? text : text + "Z");
            } catch (DateTimeParseException again) {
                throw new InvalidItemException(what + " has the date '" + text + "', which is not an ISO-8601 UTC time.");
            }
        }
    }
}
