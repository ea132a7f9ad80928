package org.channelbridge.ops.monitor;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.channelbridge.config.BridgeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few INFO lines that tell an operator, once the bridge has started, what it runs against: version, System2 (no
 * password), ChannelAdvisor and the profile, the management address and each flow's schedule. Camel's own start-up
 * lines are at WARN (logback.xml); the sandbox's ports come from the embedded default itself.
 */
public final class StartupSummary implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private final BridgeSettings settings;

    public StartupSummary(BridgeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // told once every route has started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        LOG.info("Channel Bridge {} started {} routes on Apache Camel {}", version(), context.getRoutes().size(),
                context.getVersion());
        LOG.info("System2: {} ({})", withoutPassword(settings.get("system2.jdbc.url")), settings.system2Kind());
        LOG.info("ChannelAdvisor: {}, profile {}", settings.get("channeladvisor.api-url"),
                settings.get("channeladvisor.profile-id"));
        if (enabled(context, "camel.management.enabled")) {
            String host = property(context, "camel.management.host").orElse("0.0.0.0");
            String port = property(context, "camel.management.port").orElse("8080");
            LOG.info("Management: http://{}:{}/observe/health, /observe/metrics, /observe/jolokia", host, port);
        }
        if (enabled(context, "flows.scheduled")) {
            List<String> flows = new ArrayList<>();
            flows.add("products " + settings.get("products.cron") + " (first after "
                    + settings.get("products.first-cycle-delay-ms", "2000") + " ms)");
            for (String flow : List.of("orders", "acks", "shipments", "refunds")) {
                flows.add(flow + " " + settings.get(flow + ".cron"));
            }
            flows.add("products-bulk full catalog " + settings.get("products.bulk.full-cron"));
            LOG.info("Flows (Quartz cron): {}", String.join("; ", flows));
        }
    }

    /** A JDBC URL as it may be logged: a password in it (H2 and PostgreSQL parameters, user:password@) is masked. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***").replaceAll("//([^/:@]+):[^/@]*@", "//$1:***@");
    }

    static String version() {
        String version = StartupSummary.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    private static boolean enabled(CamelContext context, String key) {
        return property(context, key).map(Boolean::parseBoolean).orElse(false);
    }

    private static Optional<String> property(CamelContext context, String key) {
        return context.getPropertiesComponent().resolveProperty(key);
    }
}
