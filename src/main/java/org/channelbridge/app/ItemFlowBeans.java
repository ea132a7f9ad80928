package org.channelbridge.app;

import org.channelbridge.channeladvisor.ChannelAdvisorSettings;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.flow.orders.OrderMapper;
import org.channelbridge.flow.refunds.AdjustmentFollower;
import org.channelbridge.flow.refunds.AdjustmentMapping;
import org.channelbridge.flow.refunds.AdjustmentReasons;
import org.channelbridge.flow.refunds.AdjustmentStatuses;
import org.channelbridge.flow.shipments.CarrierRules;
import org.channelbridge.flow.shipments.ShipmentMapping;
import org.channelbridge.system2.OrderStore;
import org.channelbridge.system2.System2Database;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The beans of the item flows (routes/orders, acks, shipments and refunds .camel.yaml): their mapping steps and the
 * one System2 write that needs a transaction of its own (an order with its items).
 */
final class ItemFlowBeans {

    /** The sandbox's documented carriers and classes, which are ChannelAdvisor's common ones. */
    static final String DEFAULT_CARRIERS = "UPS:Ground|2nd Day Air|Next Day Air;"
            + "FedEx:Ground|Home Delivery|2Day|Priority Overnight;USPS:First Class|Priority Mail;DHL:Express";

    private ItemFlowBeans() {
    }

    static Map<String, Object> create(BridgeSettings settings, System2Database database,
                                      ChannelAdvisorSettings caSettings) {
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("orderStore", new OrderStore(database.dataSource()));
        beans.put("shipmentMapping", new ShipmentMapping(
                new CarrierRules(settings.get("shipments.carriers", DEFAULT_CARRIERS),
                        Boolean.parseBoolean(settings.get("shipments.require-tracking-number", "true"))),
                prefixed(settings, "shipments.map.")));
        beans.put("adjustmentMapping", new AdjustmentMapping(
                new AdjustmentReasons(prefixed(settings, "refunds.reason."))));
        beans.put("adjustmentFollower", new AdjustmentFollower(
                listed(settings.get("refunds.complete-statuses", String.join(",", AdjustmentStatuses.SETTLED))),
                listed(settings.get("refunds.failed-statuses", String.join(",", AdjustmentStatuses.FAILED))),
                settings.getInt("refunds.follow-max-hours", 72)));
        return beans;
    }

    /** The order mapping of one profile (an order that names no profile is of this one). */
    static OrderMapper orderMapping(BridgeSettings settings, long profileId) {
        return new OrderMapper(profileId, prefixed(settings, "orders.map."));
    }

    /** Keys below {@code prefix} (prefix removed) with their values. */
    private static Map<String, String> prefixed(BridgeSettings settings, String prefix) {
        Map<String, String> found = new TreeMap<>();
        for (String key : settings.properties().stringPropertyNames()) {
            if (key.startsWith(prefix) && !settings.get(key).isEmpty()) {
                found.put(key.substring(prefix.length()), settings.get(key));
            }
        }
        return found;
    }

    private static Set<String> listed(String commaSeparated) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : commaSeparated.split(",")) {
            if (!value.isBlank()) {
                values.add(value.strip());
            }
        }
        return values;
    }
}
