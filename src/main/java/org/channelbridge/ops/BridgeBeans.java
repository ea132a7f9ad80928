package org.channelbridge.ops;

import org.apache.camel.CamelContext;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorSettings;
import org.channelbridge.channeladvisor.ODataPager;
import org.channelbridge.channeladvisor.RetryAfterDelay;
import org.channelbridge.flow.orders.OrderImport;
import org.channelbridge.flow.refunds.AdjustmentFollower;
import org.channelbridge.flow.refunds.AdjustmentReasons;
import org.channelbridge.flow.refunds.AdjustmentSender;
import org.channelbridge.flow.shipments.CarrierRules;
import org.channelbridge.flow.shipments.ShipmentSender;
import org.channelbridge.system2.AdjustmentStore;
import org.channelbridge.flow.orders.ReadyOrderFilter;
import org.channelbridge.ops.monitor.MonitoringBeans;
import org.channelbridge.system2.IdempotentKeys;
import org.channelbridge.system2.OrderStore;
import org.channelbridge.system2.ShipmentStore;
import org.channelbridge.system2.System2Database;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The beans the routes call by name (the routes call Java, never the other way round). */
public final class BridgeBeans {

    /** The sandbox's documented carriers and classes, which are ChannelAdvisor's common ones. */
    static final String DEFAULT_CARRIERS = "UPS:Ground|2nd Day Air|Next Day Air;"
            + "FedEx:Ground|Home Delivery|2Day|Priority Overnight;USPS:First Class|Priority Mail;DHL:Express";

    private BridgeBeans() {
    }

    public static Map<String, Object> create(BridgeSettings settings, System2Database database, FlowStats stats,
                                             CamelContext context) {
        Map<String, Object> beans = new LinkedHashMap<>();
        ChannelAdvisorSettings caSettings = ChannelAdvisorSettings.fromProperties(settings.properties());
        ChannelAdvisorClient client = ChannelAdvisorClient.create(context, caSettings, new ODataPager.PageRetry(
                settings.getInt("channeladvisor.page-retries", 5),
                Duration.ofMillis(settings.getInt("channeladvisor.page-retry-delay-ms", 1000))));
        beans.put("system2", database.dataSource());
        beans.put("flowStats", stats);
        DeadLetterStore deadLetters = new DeadLetterStore(database.dataSource(), stats);
        beans.put("deadLetters", deadLetters);
        beans.put("channelAdvisor", client);
        beans.putAll(MonitoringBeans.create(settings, database.dataSource(), stats, deadLetters, client, context));
        beans.put("retryAfterDelay", new RetryAfterDelay());

        String readyFilter = ReadyOrderFilter.build(settings.get("orders.ready.payment-statuses", "Cleared"),
                settings.get("orders.ready.checkout-statuses", "Completed,CompletedAndVisited,CompletedOffline"),
                settings.get("orders.ready.shipping-statuses", "Unshipped,PendingShipment,PartiallyShipped"),
                settings.get("orders.ready.extra-filter"));
        beans.put("orderImport", new OrderImport(client, new OrderStore(database.dataSource()), caSettings.profileId(),
                readyFilter, Boolean.parseBoolean(settings.get("orders.require-known-skus", "true"))));
        ShipmentStore shipments = new ShipmentStore(database.dataSource());
        beans.put("shipments", new ShipmentSender(client, shipments,
                new CarrierRules(settings.get("shipments.carriers", DEFAULT_CARRIERS),
                        Boolean.parseBoolean(settings.get("shipments.require-tracking-number", "true"))),
                caSettings.profileId()));
        AdjustmentStore adjustments = new AdjustmentStore(database.dataSource());
        beans.put("refunds", new AdjustmentSender(client, adjustments, shipments,
                new AdjustmentReasons(prefixed(settings, "refunds.reason.")), caSettings.profileId()));
        beans.put("refundsFollow", new AdjustmentFollower(client, adjustments,
                listed(settings.get("refunds.complete-statuses", "PostProcessingComplete")),
                listed(settings.get("refunds.failed-statuses", "Error,RejectionCompleted")), caSettings.profileId()));
        for (String flow : BridgeApplication.FLOWS) {
            beans.put(flow + "Keys", IdempotentKeys.repository(database.dataSource(), flow));
        }
        return beans;
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
