package org.channelbridge.ops;

import org.apache.camel.CamelContext;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorSettings;
import org.channelbridge.channeladvisor.AdaptiveBatchSize;
import org.channelbridge.flow.orders.OrderImport;
import org.channelbridge.flow.products.ProductBatchSender;
import org.channelbridge.flow.products.ProductParts;
import org.channelbridge.flow.products.ProductSync;
import org.channelbridge.flow.products.SendingState;
import org.channelbridge.system2.ProductCatalog;
import org.channelbridge.system2.SyncStateStore;
import org.channelbridge.flow.orders.ReadyOrderFilter;
import org.channelbridge.system2.IdempotentKeys;
import org.channelbridge.system2.OrderStore;
import org.channelbridge.system2.System2Database;

import java.time.Duration;
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
        beans.put("deadLetters", new DeadLetterStore(database.dataSource(), stats));
        beans.put("channelAdvisor", client);

        String readyFilter = ReadyOrderFilter.build(settings.get("orders.ready.payment-statuses", "Cleared"),
                settings.get("orders.ready.checkout-statuses", "Completed,CompletedAndVisited,CompletedOffline"),
                settings.get("orders.ready.shipping-statuses", "Unshipped,PendingShipment,PartiallyShipped"),
                settings.get("orders.ready.extra-filter"));
        beans.put("orderImport", new OrderImport(client, new OrderStore(database.dataSource()), caSettings.profileId(),
                readyFilter, Boolean.parseBoolean(settings.get("orders.require-known-skus", "true"))));
        beans.putAll(productBeans(settings, database, stats, client, caSettings, context));
        for (String flow : BridgeApplication.FLOWS) {
            beans.put(flow + "Keys", IdempotentKeys.repository(database.dataSource(), flow));
        }
        return beans;
    }

    /**
     * The largest batch (within a tenth below the configured size) whose cost, parts + 1, divides the per-minute
     * budget: whole batches then use all of it (1,900/min with 100 parts leaves 82 requests unused each minute;
     * with 99, none).
     */
    static int packedBatchSize(int configured, int requestsPerMinute) {
        for (int size = configured; size >= Math.max(1, configured - configured / 10); size--) {
            if (requestsPerMinute % (size + 1) == 0) {
                return size;
            }
        }
        return configured;
    }

    private static Map<String, Object> productBeans(BridgeSettings settings, System2Database database, FlowStats stats,
                                                    ChannelAdvisorClient client, ChannelAdvisorSettings caSettings,
                                                    CamelContext context) {
        int packed = packedBatchSize(caSettings.batchSize(), caSettings.requestsPerMinute());
        AdaptiveBatchSize batchSize = new AdaptiveBatchSize(packed, Math.min(AdaptiveBatchSize.DEFAULT_FLOOR, packed));
        SendingState sending = new SendingState();
        SyncStateStore syncStates = new SyncStateStore(database.dataSource());
        ProductBatchSender sender = new ProductBatchSender(client, syncStates,
                new ProductParts(caSettings.profileId(), settings.getInt("products.distribution-center-id", 0)),
                batchSize, sending, settings.getInt("products.batch-rounds", 3),
                Duration.ofMillis(settings.getInt("flows.redelivery-delay-ms", 1000)));
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("productSync", new ProductSync(new ProductCatalog(database.dataSource(),
                settings.getInt("products.fetch-size", 1000)), sender, syncStates, batchSize, sending, stats));
        int senders = settings.getInt("products.senders", caSettings.maxConcurrent());
        // a full queue makes the reading thread send too: the catalog is read no faster than batches go out
        ThreadPoolProfile pool = new ThreadPoolProfileBuilder("products-senders").poolSize(senders)
                .maxPoolSize(senders).maxQueueSize(senders).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build();
        beans.put("productsSenders", context.getExecutorServiceManager().newThreadPool(sender, "products-senders",
                pool));
        beans.put("productsHealth", new ProductsHealthCheck(sending));
        return beans;
    }
}
