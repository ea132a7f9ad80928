package org.channelbridge.ops;

import org.apache.camel.CamelContext;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorSettings;
import org.channelbridge.flow.orders.OrderImport;
import org.channelbridge.flow.orders.ReadyOrderFilter;
import org.channelbridge.ops.monitor.MonitoringBeans;
import org.channelbridge.system2.IdempotentKeys;
import org.channelbridge.system2.OrderStore;
import org.channelbridge.system2.System2Database;

import java.util.LinkedHashMap;
import java.util.Map;

/** The beans the routes call by name (the routes call Java, never the other way round). */
public final class BridgeBeans {

    private BridgeBeans() {
    }

    public static Map<String, Object> create(BridgeSettings settings, System2Database database, FlowStats stats,
                                             CamelContext context) {
        Map<String, Object> beans = new LinkedHashMap<>();
        ChannelAdvisorSettings caSettings = ChannelAdvisorSettings.fromProperties(settings.properties());
        ChannelAdvisorClient client = ChannelAdvisorClient.create(context, caSettings);
        beans.put("system2", database.dataSource());
        beans.put("flowStats", stats);
        DeadLetterStore deadLetters = new DeadLetterStore(database.dataSource(), stats);
        beans.put("deadLetters", deadLetters);
        beans.put("channelAdvisor", client);
        beans.putAll(MonitoringBeans.create(settings, database.dataSource(), stats, deadLetters, client, context));

        String readyFilter = ReadyOrderFilter.build(settings.get("orders.ready.payment-statuses", "Cleared"),
                settings.get("orders.ready.checkout-statuses", "Completed,CompletedAndVisited,CompletedOffline"),
                settings.get("orders.ready.shipping-statuses", "Unshipped,PendingShipment,PartiallyShipped"),
                settings.get("orders.ready.extra-filter"));
        beans.put("orderImport", new OrderImport(client, new OrderStore(database.dataSource()), caSettings.profileId(),
                readyFilter, Boolean.parseBoolean(settings.get("orders.require-known-skus", "true"))));
        for (String flow : BridgeApplication.FLOWS) {
            beans.put(flow + "Keys", IdempotentKeys.repository(database.dataSource(), flow));
        }
        return beans;
    }
}
