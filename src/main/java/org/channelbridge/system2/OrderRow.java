package org.channelbridge.system2;

import java.util.List;
import java.util.Map;

/**
 * One order as System2 stores it: the columns of {@code orders} and, per item, the columns of {@code order_items}
 * (column name to value; {@code id}, {@code order_id}, {@code saved_at} and {@code acked_at} are the store's).
 */
public record OrderRow(long profileId, long caOrderId, Map<String, Object> columns, List<Map<String, Object>> items) {
}
