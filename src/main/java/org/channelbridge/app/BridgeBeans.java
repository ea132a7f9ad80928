package org.channelbridge.app;

import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.FtpTrust;
import org.channelbridge.config.ProfileSettings;
import org.channelbridge.config.Profiles;

import org.channelbridge.ops.deadletter.DeadLetterStore;
import org.channelbridge.ops.monitor.ProductsHealthCheck;
import org.channelbridge.progress.FlowStats;

import org.apache.camel.CamelContext;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorSettings;
import org.channelbridge.channeladvisor.ODataPager;
import org.channelbridge.channeladvisor.RetryAfterDelay;
import org.channelbridge.flow.ChannelAdvisorOutage;
import org.channelbridge.flow.CycleGate;
import org.channelbridge.flow.System2Outage;
import org.channelbridge.channeladvisor.AdaptiveBatchSize;
import org.channelbridge.flow.products.BulkFileStatus;
import org.channelbridge.flow.products.InventoryFileWriter;
import org.channelbridge.flow.products.ProductBatches;
import org.channelbridge.flow.products.ProductGroups;
import org.channelbridge.flow.products.ProductMapping;
import org.channelbridge.flow.products.ProductsBulk;
import org.channelbridge.flow.products.ProductUploadTransport;
import org.channelbridge.system2.BulkUploadStore;
import org.channelbridge.flow.products.ProductParts;
import org.channelbridge.flow.products.ProductSync;
import org.channelbridge.flow.products.SendingState;
import org.channelbridge.system2.CatalogRows;
import org.channelbridge.system2.ProductCatalog;
import org.channelbridge.system2.StreamingReads;
import org.channelbridge.system2.SyncStateStore;
import org.channelbridge.ops.monitor.MonitoredProfile;
import org.channelbridge.ops.monitor.MonitoringBeans;
import org.channelbridge.system2.DemoActivity;
import org.channelbridge.system2.IdempotentKeys;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.drop.DropProfiles;
import org.channelbridge.system2.drop.FileDrop;
import org.channelbridge.system2.drop.OrderOutbox;
import org.channelbridge.system2.drop.PlainFileNames;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The beans the routes call by name (the routes call Java, never the other way round). */
public final class BridgeBeans {

    private BridgeBeans() {
    }

    public static Map<String, Object> create(BridgeSettings settings, System2Database database, FlowStats stats,
                                             CamelContext context) {
        Map<String, Object> beans = new LinkedHashMap<>();
        FtpTrust.apply(settings, context);
        Profiles profiles = settings.profiles();
        ChannelAdvisorSettings caSettings = profiles.first().channelAdvisor();
        ODataPager.PageRetry pageRetry = new ODataPager.PageRetry(settings.getInt("channeladvisor.page-retries", 5),
                Duration.ofMillis(settings.getInt("channeladvisor.page-retry-delay-ms", 1000)));
        ChannelAdvisorClient client = ChannelAdvisorClient.create(context, caSettings, pageRetry);
        beans.put("system2", database.dataSource());
        if (profiles.listed()) {
            // the first profile's counts are the ones that name no profile (app/ProfileRoutes: its routes' names)
            stats.firstProfileIs(profiles.first().profileId());
        }
        DeadLetterStore deadLetters = new DeadLetterStore(database.dataSource(), stats);
        beans.put("deadLetters", deadLetters);
        beans.put("channelAdvisor", client);
        beans.putAll(ProfileBeans.create(profiles, client, pageRetry, database.dataSource(), context));
        // the sql endpoints read and write System2 through its pool (the products catalog names its own streaming
        // reads); a channeladvisor endpoint that names no client acts for the first profile
        context.getComponent("sql", org.apache.camel.component.sql.SqlComponent.class)
                .setDataSource(database.dataSource());
        context.getComponent("channeladvisor",
                org.channelbridge.channeladvisor.component.ChannelAdvisorComponent.class).setClient(client);
        // each profile's routes count in its own counters (bean flowStats<suffix>): its MBeans and metrics
        List<MonitoredProfile> monitored = new ArrayList<>();
        for (ProfileSettings profile : profiles) {
            String suffix = ProfileRoutes.suffix(profiles, profile);
            long scope = ProfileRoutes.scope(profiles, profile);
            FlowStats profileStats = stats.forProfile(scope);
            beans.put("flowStats" + suffix, profileStats);
            ChannelAdvisorClient profileClient = profiles.listed()
                    ? (ChannelAdvisorClient) beans.get(ProfileBeans.clientName(profile.name())) : client;
            monitored.add(new MonitoredProfile(profile.name(), profile.profileId(), suffix, scope, profileStats,
                    profileClient, scope == 0 ? deadLetters : deadLetters.forProfile(scope), profile));
        }
        beans.putAll(MonitoringBeans.create(settings, database, deadLetters, monitored, profiles.listed(),
                context));
        beans.put("demoActivity", new DemoActivity(database.dataSource()));
        beans.put("retryAfterDelay", new RetryAfterDelay());
        beans.put("system2Outage", new System2Outage(database.reachability()));
        beans.put("channelAdvisorOutage", new ChannelAdvisorOutage());

        beans.putAll(ItemFlowBeans.create(settings, database, caSettings));
        beans.putAll(productBeans(database));
        // the beans of each profile's routes (app/ProfileRoutes): the first profile's under the names the routes
        // have always used, the others' under <name>-<profile>
        SyncStateStore syncStates = new SyncStateStore(database.dataSource());
        SendingState firstSending = null;
        for (ProfileSettings profile : profiles) {
            String suffix = ProfileRoutes.suffix(profiles, profile);
            long scope = ProfileRoutes.scope(profiles, profile);
            SendingState sending = new SendingState();
            if (firstSending == null) {
                firstSending = sending;
            }
            beans.putAll(profileProductBeans(settings, profile, suffix,
                    scope == 0 ? syncStates : syncStates.forProfile(scope), sending, stats.forProfile(scope), context));
            ChannelAdvisorClient profileClient = profiles.listed()
                    ? (ChannelAdvisorClient) beans.get(ProfileBeans.clientName(profile.name())) : client;
            beans.put("productsBulk" + suffix, productsBulk(settings, profiles, profile, database, stats.forProfile(scope),
                    profileClient).named(suffix));
            beans.put("orderMapping" + suffix, ItemFlowBeans.orderMapping(settings, profile.profileId()));
            for (String flow : BridgeApplication.FLOWS) {
                beans.put(flow + "Keys" + suffix, scope == 0 ? IdempotentKeys.repository(database.dataSource(), flow)
                        : IdempotentKeys.forProfile(scope).repositoryOf(database.dataSource(), flow));
            }
        }
        beans.put("productsHealth", new ProductsHealthCheck(firstSending));
        beans.put(ProfileRoutes.SUFFIXES, ProfileRoutes.suffixes(profiles));
        boolean fileDrop = settings.system2Kind().equals("file");
        // the profiles a drop file may name; with several, each one's order files in its own outbox folder
        Map<String, Long> profileIds = new LinkedHashMap<>();
        profiles.forEach(profile -> profileIds.put(profile.name(), profile.profileId()));
        DropProfiles dropProfiles = new DropProfiles(profileIds, profiles.listed());
        beans.put("fileDrop", new FileDrop(database.dataSource(), database.vendor(),
                Path.of(settings.get("system2.file.inbox", "./data/inbox")), fileDrop,
                Duration.ofSeconds(settings.getInt("system2.file.once-wait-seconds", 60)),
                settings.getInt("system2.file.max-file-mb", 1024), dropProfiles));
        beans.put("plainFileNames", new PlainFileNames());
        beans.put("orderOutbox", new OrderOutbox(database.dataSource(),
                Path.of(settings.get("system2.file.outbox", "./data/outbox")), fileDrop, dropProfiles));
        beans.put("filesKeys", IdempotentKeys.repository(database.dataSource(), "files"));
        return beans;
    }

    /**
     * The bulk flow's bean of one profile (routes/products-bulk.camel.yaml): its catalog (product_profiles, its own
     * sync_state rows), its bulk_uploads rows, its ProductUpload client, and with profiles listed its own sub-folder
     * {@code <products.bulk.work-dir>/<name>} of the work folder.
     */
    private static ProductsBulk productsBulk(BridgeSettings settings, Profiles profiles, ProfileSettings profile,
                                             System2Database database, FlowStats stats, ChannelAdvisorClient client) {
        long scope = ProfileRoutes.scope(profiles, profile);
        String transport = settings.get("products.bulk.transport", "ftp").strip().toLowerCase(java.util.Locale.ROOT);
        if (!transport.equals("ftp") && !transport.equals(ProductUploadTransport.NAME)) {
            throw new IllegalArgumentException("products.bulk.transport is '" + transport
                    + "'; it takes ftp or product-upload");
        }
        long maxFileMb = settings.getInt("products.bulk.max-file-mb", 100);
        if (transport.equals(ProductUploadTransport.NAME) && maxFileMb * 1024 * 1024 > ProductUploadTransport.MAX_BYTES) {
            throw new IllegalArgumentException("products.bulk.max-file-mb is " + maxFileMb
                    + "; ProductUpload takes at most 128 MB a file");
        }
        // the bridge reads no /sandbox/ URL of its own accord: a status URL is set only for a sandbox
        String statusUrl = settings.get("products.bulk.status-url", "");
        String confirm = settings.get("products.bulk.confirm", "auto").strip();
        if (confirm.isEmpty() || confirm.equals("auto")) {
            confirm = statusUrl.isBlank() ? "upload" : "status-url";
        }
        ProductUploadTransport productUpload = new ProductUploadTransport(client, profile.profileId(),
                profile.get("products.bulk.upload-template", "ChannelBridge"),
                settings.get("products.bulk.upload-import-type", "AddUpdate"));
        ProductCatalog catalog = new ProductCatalog(database.dataSource(), settings.getInt("products.fetch-size", 1000));
        BulkUploadStore uploads = new BulkUploadStore(database.dataSource());
        Path workDir = Path.of(settings.get("products.bulk.work-dir", "./data/bulk"));
        if (profiles.listed()) {
            workDir = workDir.resolve(profile.name());
        }
        return new ProductsBulk(database.dataSource(), scope == 0 ? catalog : catalog.forProfile(scope),
                new InventoryFileWriter(workDir, maxFileMb * 1024L * 1024L,
                        profile.get("products.quantity-update-type", "Absolute")),
                scope == 0 ? uploads : uploads.forProfile(scope),
                new BulkFileStatus(confirm, statusUrl, productUpload, profile.profileId()), stats,
                settings.getInt("products.bulk.threshold", 20_000),
                Duration.ofMillis(settings.getInt("products.bulk.confirm-wait-ms", 120_000)))
                .withProductUpload(productUpload);
    }

    /**
     * The largest batch (within a tenth below the configured size) whose cost, parts + 1, divides the per-minute
     * budget: whole batches then use all of it (1,900/min with 100 parts leaves 82 requests unused each minute;
     * with 99, none).
     */
    public static int packedBatchSize(int configured, int requestsPerMinute) {
        for (int size = configured; size >= Math.max(1, configured - configured / 10); size--) {
            if (requestsPerMinute % (size + 1) == 0) {
                return size;
            }
        }
        return configured;
    }

    /** The products flow's beans all profiles share (routes/products.camel.yaml). */
    private static Map<String, Object> productBeans(System2Database database) {
        Map<String, Object> beans = new LinkedHashMap<>();
        // the catalog query streams through a cursor (PostgreSQL does only with autocommit off)
        beans.put("system2Streaming", new StreamingReads(database.dataSource()));
        // a full group goes on in the thread that filled it, so that a cycle ends once its groups are sent
        beans.put("productsGroupHandOff", new SynchronousExecutorService());
        return beans;
    }

    /**
     * The products flow's beans of one profile, named with its suffix: its own sync state, batch size (its client's
     * budget), senders and cycle gate.
     */
    private static Map<String, Object> profileProductBeans(BridgeSettings settings, ProfileSettings profile,
                                                           String suffix, SyncStateStore syncStates,
                                                           SendingState sending, FlowStats stats,
                                                           CamelContext context) {
        ChannelAdvisorSettings caSettings = profile.channelAdvisor();
        int packed = packedBatchSize(caSettings.batchSize(), caSettings.requestsPerMinute());
        AdaptiveBatchSize batchSize = new AdaptiveBatchSize(packed, Math.min(AdaptiveBatchSize.DEFAULT_FLOOR, packed));
        ProductMapping mapping = new ProductMapping(stats);
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("productMapping" + suffix, mapping);
        beans.put("productSync" + suffix, new ProductSync(new CatalogRows(), mapping, syncStates, sending));
        beans.put("productGroups" + suffix, new ProductGroups(batchSize, stats));
        ProductBatches batches = new ProductBatches(syncStates,
                new ProductParts(profile.profileId(), profile.getInt("products.distribution-center-id", 0),
                        profile.get("products.quantity-update-type", "Absolute")),
                batchSize, sending, settings.getInt("products.batch-rounds", 3));
        beans.put("productBatches" + suffix, batches);
        int senders = settings.getInt("products.senders", caSettings.maxConcurrent());
        // a full queue makes the reading thread map (and send) too: the catalog is read no faster than groups go out
        ThreadPoolProfile pool = new ThreadPoolProfileBuilder("products-senders" + suffix).poolSize(senders)
                .maxPoolSize(senders).maxQueueSize(senders).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build();
        beans.put("productsSenders" + suffix, context.getExecutorServiceManager().newThreadPool(batches,
                "products-senders" + suffix, pool));
        beans.put("productsCycleGate" + suffix, new CycleGate());
        return beans;
    }
}
