package org.channelbridge.system2;

import java.util.List;
import java.util.Set;

/** System2 {@code products} columns and the ChannelAdvisor fields they map to (design §4: the obvious way). */
public final class ProductFields {

    /** System2 column, ChannelAdvisor field; in the order the content hash uses. */
    public static final List<String[]> COLUMNS = List.of(
            new String[] {"title", "Title"}, new String[] {"subtitle", "Subtitle"},
            new String[] {"description", "Description"}, new String[] {"brand", "Brand"},
            new String[] {"manufacturer", "Manufacturer"}, new String[] {"mpn", "MPN"}, new String[] {"upc", "UPC"},
            new String[] {"ean", "EAN"}, new String[] {"condition", "Condition"}, new String[] {"weight", "Weight"},
            new String[] {"cost", "Cost"}, new String[] {"retail_price", "RetailPrice"},
            new String[] {"buy_it_now_price", "BuyItNowPrice"});

    public static final List<String> NAMES = COLUMNS.stream().map(c -> c[1]).toList();

    /** Fields ChannelAdvisor holds as decimals. */
    public static final Set<String> DECIMALS = Set.of("Weight", "Cost", "RetailPrice", "BuyItNowPrice");

    private static final boolean[] DECIMAL_AT = new boolean[NAMES.size()];

    static {
        for (int i = 0; i < NAMES.size(); i++) {
            DECIMAL_AT[i] = DECIMALS.contains(NAMES.get(i));
        }
    }

    /** Whether the field at this position of {@link #COLUMNS} is a decimal: no lookup, for loops over millions. */
    public static boolean isDecimal(int index) {
        return DECIMAL_AT[index];
    }

    /** ChannelAdvisor's limits. */
    public static final int MAX_SKU_LENGTH = 50;
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 32;

    private ProductFields() {
    }
}
