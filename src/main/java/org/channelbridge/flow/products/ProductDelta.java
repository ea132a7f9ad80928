package org.channelbridge.flow.products;

import org.channelbridge.system2.ProductFields;

import org.channelbridge.system2.CatalogProduct;
import org.channelbridge.system2.SyncState;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, for one System2 product, whether ChannelAdvisor must hear about it: its values are checked and mapped,
 * hashed, and compared with the hash of what ChannelAdvisor last accepted ({@code sync_state}). Only a product whose
 * hash differs (or that ChannelAdvisor never accepted, or whose last update went unanswered) becomes a
 * {@link ProductChange}; the last sent values are parsed only then, to tell which parts changed.
 */
public final class ProductDelta {

    /** The change to send, or null when ChannelAdvisor already holds exactly this product. */
    public ProductChange decide(CatalogProduct product) {
        ProductChange change = decided(product);
        return change == null ? null : change.from(product.state());
    }

    private ProductChange decided(CatalogProduct product) {
        String sku = product.sku();
        List<String> problems = new ArrayList<>();
        ProductValues values = map(product, problems);
        if (!problems.isEmpty()) {
            return ProductChange.invalid(sku, keyOf(sku, product.state(), "invalid"), String.join(" ", problems),
                    itemOf(product));
        }
        String hash = values.hash();
        SyncState state = product.state();
        // a product sent by inventory file (products-bulk) is SYNCED without an ID: a file does not tell IDs;
        // a SENDING product is never taken as held: an update of it went out and its answer was never recorded
        if (state != null && !state.isSending()
                && (state.caProductId() != null || SyncState.SYNCED.equals(state.state()))
                && hash.equals(state.contentHash())) {
            return null;
        }
        String key = keyOf(sku, state, hash);
        if (state == null) {
            return ProductChange.create(sku, key, values, itemOf(product));
        }
        if (state.caProductId() == null) {
            return ProductChange.resolve(sku, key, values, itemOf(product));
        }
        // ChannelAdvisor holds the recorded values or some of those that were on their way: every part goes again
        ProductValues base = state.isSending() ? ProductValues.NOTHING : ProductValues.fromJson(state.sentValues());
        return ProductChange.update(sku, key, state.caProductId(), base, values, itemOf(product));
    }

    /** The values ChannelAdvisor should hold for {@code product}; {@code problems} gets what it would refuse. */
    public ProductValues valuesOf(CatalogProduct product, List<String> problems) {
        return map(product, problems);
    }

    /** System2's text values → ChannelAdvisor's, with a sentence for each thing ChannelAdvisor would refuse. */
    static ProductValues map(CatalogProduct product, List<String> problems) {
        String sku = product.sku();
        String who = sku == null || sku.isBlank() ? "A System2 product row" : "Product " + shortened(sku);
        if (sku == null || sku.isBlank()) {
            problems.add("A System2 product row has no Sku; ChannelAdvisor identifies products by Sku, so it cannot be"
                    + " sent.");
        } else if (sku.length() > ProductFields.MAX_SKU_LENGTH) {
            problems.add("Sku '" + shortened(sku) + "' is " + sku.length() + " characters long; ChannelAdvisor accepts"
                    + " at most " + ProductFields.MAX_SKU_LENGTH + ".");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < ProductFields.COLUMNS.size(); i++) {
            String[] column = ProductFields.COLUMNS.get(i);
            String text = product.columns().get(column[0]);
            if (text == null) {
                continue;
            }
            if (ProductFields.isDecimal(i)) {
                try {
                    fields.put(column[1], ProductValues.decimalOf(text));
                } catch (NumberFormatException e) {
                    problems.add(who + " has " + column[0] + " '" + text + "', which is not a number.");
                }
            } else {
                fields.put(column[1], text);
            }
        }
        Integer quantity = null;
        String quantityText = product.columns().get("quantity");
        if (quantityText != null) {
            try {
                quantity = new BigDecimal(quantityText.trim()).intValueExact();
                if (quantity < 0) {
                    problems.add(who + " has quantity " + quantity + "; ChannelAdvisor needs 0 or more.");
                }
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add(who + " has quantity '" + quantityText + "', which is not a whole number.");
            }
        }
        TreeMap<String, String> attributes = new TreeMap<>();
        product.attributes().forEach((name, value) -> {
            if (name.length() > ProductFields.MAX_ATTRIBUTE_NAME_LENGTH) {
                problems.add(who + " has an attribute named '" + name + "' (" + name.length() + " characters);"
                        + " ChannelAdvisor accepts attribute names of at most "
                        + ProductFields.MAX_ATTRIBUTE_NAME_LENGTH + " characters.");
            } else {
                attributes.put(name, value);
            }
        });
        return new ProductValues(fields, quantity, attributes);
    }

    /**
     * The idempotency key of a change: Sku, the version of the sync_state row it starts from, and the target hash.
     * The version makes a product that goes A→B→A→B send its second A→B, and the same transition twice only once.
     */
    static String keyOf(String sku, SyncState state, String hash) {
        String id = sku == null || sku.isBlank() ? "(no Sku)" : sku.length() > 100 ? shortened(sku) : sku;
        String version = state == null ? "new" : String.valueOf(state.version());
        return id + "@" + version + ":" + hash.substring(0, Math.min(16, hash.length()));
    }

    private static Map<String, Object> itemOf(CatalogProduct product) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", product.sku());
        product.columns().forEach((k, v) -> {
            if (v != null) {
                item.put(k, v);
            }
        });
        if (!product.attributes().isEmpty()) {
            item.put("attributes", product.attributes());
        }
        return item;
    }

    private static String shortened(String sku) {
        return sku.length() <= 60 ? sku : sku.substring(0, 57) + "...";
    }
}
