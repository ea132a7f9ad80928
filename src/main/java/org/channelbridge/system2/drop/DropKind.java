package org.channelbridge.system2.drop;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.channelbridge.system2.drop.DropColumn.Type.BIGINT;
import static org.channelbridge.system2.drop.DropColumn.Type.BOOLEAN;
import static org.channelbridge.system2.drop.DropColumn.Type.DECIMAL;
import static org.channelbridge.system2.drop.DropColumn.Type.INTEGER;
import static org.channelbridge.system2.drop.DropColumn.Type.TIMESTAMP;
import static org.channelbridge.system2.drop.DropColumn.key;
import static org.channelbridge.system2.drop.DropColumn.of;
import static org.channelbridge.system2.drop.DropColumn.requiredOf;
import static org.channelbridge.system2.drop.DropColumn.text;

/**
 * The kinds of drop file, one inbox folder each, with the System2 columns (design §4) their header may name, and
 * {@value #PROFILE}. A shipments file has one row per shipped order item ({@code ca_order_item_id},
 * {@code quantity}); a shipment with no item rows ships the whole order.
 */
public enum DropKind {

    PRODUCTS(List.of(key("sku", 50), text("title", 300), text("subtitle", 300), text("description", 1_000_000),
            text("brand", 100), text("manufacturer", 100), text("mpn", 50), text("upc", 20), text("ean", 20),
            text("condition", 50), of("weight", DECIMAL), of("cost", DECIMAL), of("retail_price", DECIMAL),
            of("buy_it_now_price", DECIMAL), of("quantity", INTEGER), text(DropKind.PROFILE, 500))),

    SHIPMENTS(List.of(key("id", 50), requiredOf("ca_order_id", BIGINT), of("profile_id", BIGINT),
            text("carrier", 50), text("shipping_class", 50), text("tracking_number", 100), of("shipped_at", TIMESTAMP),
            of("distribution_center_id", INTEGER), of("ca_order_item_id", BIGINT), of("quantity", INTEGER),
            text(DropKind.PROFILE, 100))),

    ADJUSTMENTS(List.of(key("id", 50), requiredOf("ca_order_id", BIGINT), of("ca_order_item_id", BIGINT),
            new DropColumn("kind", DropColumn.Type.TEXT, 10, true), text("reason", 50), of("quantity", INTEGER),
            of("item_amount", DECIMAL), of("tax_amount", DECIMAL), of("shipping_amount", DECIMAL),
            of("restock", BOOLEAN), of("profile_id", BIGINT), text(DropKind.PROFILE, 100)));

    /**
     * The column that names ChannelAdvisor profiles ({@link DropProfiles}): a product's profiles (it goes to those
     * only), a shipment's or adjustment's one (its {@code profile_id}). Not a System2 column itself.
     */
    public static final String PROFILE = "profile";

    private final List<DropColumn> columns;

    DropKind(List<DropColumn> columns) {
        this.columns = columns;
    }

    /** The kind whose inbox folder has this name ({@code products}, {@code shipments}, {@code adjustments}). */
    public static DropKind ofFolder(String folder) {
        return valueOf(folder.toUpperCase(Locale.ROOT));
    }

    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    public List<DropColumn> columns() {
        return columns;
    }

    /** Rules across cells of one row, beyond each cell's type. */
    public void check(Map<String, Object> row) {
        switch (this) {
            case PRODUCTS -> {
                if (row.get("quantity") instanceof Integer q && q < 0) {
                    throw new BadRowException("quantity " + q + " is negative");
                }
            }
            case SHIPMENTS -> {
                boolean item = row.get("ca_order_item_id") != null;
                if (item && !(row.get("quantity") instanceof Integer q && q > 0)) {
                    throw new BadRowException("ca_order_item_id " + row.get("ca_order_item_id")
                            + " needs a quantity greater than 0");
                }
                if (!item && row.get("quantity") != null) {
                    throw new BadRowException("quantity needs the ca_order_item_id it ships");
                }
            }
            case ADJUSTMENTS -> {
                String kind = ((String) row.get("kind")).toUpperCase(Locale.ROOT);
                if (!kind.equals("CANCEL") && !kind.equals("REFUND")) {
                    throw new BadRowException("kind '" + row.get("kind") + "' is neither CANCEL nor REFUND");
                }
                row.put("kind", kind);
            }
        }
    }

    /** The column a header cell names, or null. */
    public DropColumn column(String headerCell) {
        String loose = DropColumn.loose(headerCell);
        for (DropColumn column : columns) {
            if (DropColumn.loose(column.name()).equals(loose)) {
                return column;
            }
        }
        return null;
    }
}
