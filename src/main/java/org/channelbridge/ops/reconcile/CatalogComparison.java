package org.channelbridge.ops.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ODataQuery;
import org.channelbridge.flow.products.ProductDelta;
import org.channelbridge.system2.ProductFields;
import org.channelbridge.flow.products.ProductValues;
import org.channelbridge.system2.CatalogProduct;
import org.channelbridge.system2.ProductCatalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * System2's products against ChannelAdvisor's, through the products flow's own mapping: the fields, the quantity (at
 * the flow's distribution center) and the attributes that the flow sends. Fields System2 leaves empty are not sent, so
 * they are not compared; products ChannelAdvisor has and System2 does not are not the bridge's business.
 */
public final class CatalogComparison {

    private final ChannelAdvisorClient client;
    private final ProductCatalog catalog;
    private final int distributionCenterId;
    private final ProductDelta delta = new ProductDelta();

    public CatalogComparison(ChannelAdvisorClient client, ProductCatalog catalog, int distributionCenterId) {
        this.client = client;
        this.catalog = catalog;
        this.distributionCenterId = distributionCenterId;
    }

    public List<Difference> compare() {
        Map<String, JsonNode> inChannelAdvisor = new HashMap<>();
        client.forEach(ODataQuery.of("Products").select("ID,Sku,OpenAllocatedQuantity,PendingCheckoutQuantity,"
                        + "PendingPaymentQuantity,PendingShipmentQuantity," + String.join(",", ProductFields.NAMES))
                .expand("Attributes,DCQuantities").toString(),
                product -> inChannelAdvisor.put(product.path("Sku").asText().toLowerCase(Locale.ROOT), product));
        List<Difference> differences = new ArrayList<>();
        try (ProductCatalog.Cursor cursor = catalog.open()) {
            while (cursor.hasNext()) {
                CatalogProduct product = cursor.next();
                String problem = compare(product, inChannelAdvisor);
                if (problem != null) {
                    String sku = product.sku() == null || product.sku().isBlank() ? "(no Sku)" : product.sku();
                    differences.add(new Difference(Difference.Kind.PRODUCT_DIFFERS, sku, problem));
                }
            }
        }
        return differences;
    }

    private String compare(CatalogProduct product, Map<String, JsonNode> inChannelAdvisor) {
        List<String> problems = new ArrayList<>();
        ProductValues values = delta.valuesOf(product, problems);
        if (!problems.isEmpty()) {
            return "System2's row cannot be sent: " + String.join(" ", problems);
        }
        JsonNode ca = inChannelAdvisor.get(product.sku().toLowerCase(Locale.ROOT));
        if (ca == null) {
            return "Product " + product.sku() + " is not in ChannelAdvisor.";
        }
        List<String> differing = new ArrayList<>();
        values.fields().forEach((field, value) -> {
            if (!sameValue(field, value, ca.path(field))) {
                differing.add(field + " (System2 " + value + ", ChannelAdvisor " + text(ca.path(field)) + ")");
            }
        });
        if (values.quantity() != null) {
            Integer held = null;
            for (JsonNode dc : ca.path("DCQuantities")) {
                if (dc.path("DistributionCenterID").asInt() == distributionCenterId) {
                    held = dc.path("AvailableQuantity").asInt();
                }
            }
            // orders taken since the last send hold part of the stock: the quantity the flow set lies between
            // ChannelAdvisor's available quantity and that plus what open orders hold
            int heldByOrders = ca.path("OpenAllocatedQuantity").asInt() + ca.path("PendingCheckoutQuantity").asInt()
                    + ca.path("PendingPaymentQuantity").asInt() + ca.path("PendingShipmentQuantity").asInt();
            int wanted = values.quantity();
            if (held == null || wanted < held || wanted > held + heldByOrders) {
                differing.add("quantity at distribution center " + distributionCenterId + " (System2 " + values.quantity()
                        + ", ChannelAdvisor " + held + ")");
            }
        }
        if (values.attributes() != null) {
            Map<String, String> caAttributes = new HashMap<>();
            ca.path("Attributes").forEach(a -> caAttributes.put(a.path("Name").asText(), a.path("Value").asText()));
            values.attributes().forEach((name, value) -> {
                if (!value.equals(caAttributes.get(name))) {
                    differing.add("attribute " + name + " (System2 " + value + ", ChannelAdvisor "
                            + caAttributes.get(name) + ")");
                }
            });
        }
        return differing.isEmpty() ? null : "Product " + product.sku() + " differs: " + String.join("; ", differing) + ".";
    }

    private static boolean sameValue(String field, Object value, JsonNode ca) {
        if (ca.isMissingNode() || ca.isNull()) {
            return value == null;
        }
        if (ProductFields.DECIMALS.contains(field)) {
            try {
                return new BigDecimal(String.valueOf(value)).compareTo(ca.decimalValue()) == 0
                        || new BigDecimal(String.valueOf(value)).compareTo(new BigDecimal(ca.asText())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return String.valueOf(value).equals(ca.asText());
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "empty" : node.asText();
    }
}
