package org.channelbridge.system2;

import java.util.Map;
import java.util.TreeMap;

/**
 * One System2 product as read, before any check: column → text (as the database gave it), its attributes, and the
 * bridge's {@code sync_state} row (null when the product was never sent).
 */
public record CatalogProduct(String sku, Map<String, String> columns, TreeMap<String, String> attributes,
                             SyncState state) {
}
