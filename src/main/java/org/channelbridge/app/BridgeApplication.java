package org.channelbridge.app;

import org.channelbridge.cluster.Instances;
import org.channelbridge.config.ConfigurationException;

import org.channelbridge.ops.FailureSentence;
import org.channelbridge.progress.FlowStats;

import org.apache.camel.CamelContext;
import org.channelbridge.config.ProfileSettings;
import org.channelbridge.config.Profiles;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.model.Model;
import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.app.management.MBeanInfoPerClass;
import org.channelbridge.app.management.ManagementGuard;
import org.channelbridge.app.management.ManagementSettings;
import org.channelbridge.flow.Flows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The bridge itself: Camel Main with the YAML and XML routes of the routes folder (Camel Main loads them through
 * {@code camel.main.routes-include-pattern}, and reloads them on change with {@code routes.reload=true}), the System2
 * database and the beans the routes call. Runs continuously, or each flow one cycle ({@code --once}).
 */
public final class BridgeApplication {

    /** The flows in the order one cycle runs them: products first, so that orders find their Skus. */
    public static final List<String> FLOWS = Flows.IN_CYCLE_ORDER;

    private static final Logger LOG = LoggerFactory.getLogger(BridgeApplication.class);

    private final Properties properties;
    private final Path routesDir;
    private final Function<CamelContext, Map<String, Object>> beans;

    /** {@code beans} makes the registry's beans once the CamelContext exists (the client sends through it). */
    public BridgeApplication(Properties properties, Path routesDir, Function<CamelContext, Map<String, Object>> beans) {
        this.properties = properties;
        this.routesDir = routesDir;
        this.beans = beans;
    }

    /**
     * Runs every flow on its schedule until the process is stopped. {@code beforeRoutesStart} runs once Camel has
     * loaded and initialised the routes, before any of them starts (the System2 schema made ready beside the
     * loading, say).
     */
    public void runContinuously(Consumer<CamelContext> beforeRoutesStart) throws Exception {
        if (enabled("camel.management.enabled")) {
            PortCheck.free(properties.getProperty("camel.management.host", "0.0.0.0").trim(),
                    port("camel.management.port", 9876), "The management port (health, metrics, Jolokia)",
                    "camel.management.port (CAMEL_MANAGEMENT_PORT)");
        }
        if (enabled("camel.server.enabled")) {
            PortCheck.free(properties.getProperty("camel.server.host", "0.0.0.0").trim(),
                    port("camel.server.port", 8080), "Camel's HTTP server port",
                    "camel.server.port (CAMEL_SERVER_PORT)");
        }
        Main main = newMain(true, false, true);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configuring) {
                // a lifecycle strategy hears the context start once Camel has loaded and initialised the routes, before
                // any route's services start (an idempotent repository opens a System2 transaction when it starts);
                // Main's own beforeStart would run before the loading, which would then wait for System2 instead of
                // going on beside it
                configuring.getCamelContext().addLifecycleStrategy(new LifecycleStrategySupport() {
                    @Override
                    public void onContextStarting(CamelContext context) {
                        beforeRoutesStart.accept(context);
                    }
                });
            }
        });
        try {
            main.run();
        } catch (Exception e) {
            throw routeFileBehind(e, main);
        }
    }

    private boolean enabled(String key) {
        return Boolean.parseBoolean(properties.getProperty(key, "false").trim());
    }

    private int port(String key, int fallback) {
        String value = properties.getProperty(key, "").trim();
        return value.isEmpty() ? fallback : Integer.parseInt(value);
    }

    /**
     * Runs each flow one full cycle, prints the per-flow summary, stops. Credentials ChannelAdvisor refuses stop it
     * before any cycle ({@link ChannelAdvisorAuthenticationException}, exit code 4): every item would be skipped.
     */
    public void runOnce(PrintWriter out, FlowStats stats) throws Exception {
        run(context -> {
            List<String> suffixes = provenProfiles(context);
            ExecutorService profilesAtOnce = context.getExecutorServiceManager()
                    .newFixedThreadPool(this, "once-profiles", Math.max(1, suffixes.size()));
            try (ProducerTemplate template = context.createProducerTemplate()) {
                for (String flow : cycleOrder()) {
                    // a flow's cycle in every profile at once (each profile has its own routes, ProfileRoutes, and
                    // its own budget), then the next flow
                    List<Future<?>> cycles = new java.util.ArrayList<>();
                    for (String suffix : perProfile(flow) ? suffixes : List.of("")) {
                        String cycle = flow + "-cycle" + suffix;
                        if (context.getRoute(cycle) == null) {
                            continue;
                        }
                        LOG.info("{}: one cycle", flow + suffix);
                        // the flow shows in the summary for each profile it ran in (its own counters)
                        FlowStats profileStats = context.getRegistry().lookupByNameAndType("flowStats" + suffix,
                                FlowStats.class);
                        (profileStats != null ? profileStats : stats).read(flow, 0);
                        cycles.add(profilesAtOnce.submit(() -> {
                            try {
                                template.sendBody("direct:" + cycle, (Object) null);
                            } catch (RuntimeException e) {
                                LOG.error("{}: the cycle failed: {}", flow + suffix, FailureSentence.of(e));
                            }
                        }));
                    }
                    for (Future<?> cycle : cycles) {
                        cycle.get();
                    }
                }
            } finally {
                context.getExecutorServiceManager().shutdownNow(profilesAtOnce);
            }
            return null;
        }, true, true);
        out.print(stats.summaryTable(FLOWS));
        out.flush();
    }

    /**
     * The route suffixes of the profiles whose credentials ChannelAdvisor accepts for their account. One profile
     * refused leaves the others running (its error is logged); when every profile is refused the run ends (exit 4).
     */
    private static List<String> provenProfiles(CamelContext context) {
        Profiles profiles = context.getRegistry().lookupByNameAndType(ProfileBeans.PROFILES, Profiles.class);
        ChannelAdvisorClient first = context.getRegistry().lookupByNameAndType("channelAdvisor",
                ChannelAdvisorClient.class);
        if (profiles == null || !profiles.listed()) {
            if (first != null) {
                AccountProof.prove(first);
            }
            return List.of("");
        }
        List<String> proven = new java.util.ArrayList<>();
        ChannelAdvisorAuthenticationException refused = null;
        for (ProfileSettings profile : profiles) {
            ChannelAdvisorClient client = context.getRegistry().lookupByNameAndType(
                    ProfileBeans.clientName(profile.name()), ChannelAdvisorClient.class);
            try {
                AccountProof.prove(client);
                proven.add(ProfileRoutes.suffix(profiles, profile));
            } catch (ChannelAdvisorAuthenticationException e) {
                LOG.error("{}: ChannelAdvisor refuses its credentials; its flows are skipped in this run: {}",
                        profile, FailureSentence.of(e));
                refused = e;
            }
        }
        if (proven.isEmpty() && refused != null) {
            throw refused;
        }
        return proven;
    }

    /** Whether a flow has one route per profile (the file drop and housekeeping have one for all). */
    private static boolean perProfile(String flow) {
        return FLOWS.contains(flow);
    }

    /** What a command does with the bridge's started Camel context. */
    public interface Work<T> {
        T run(CamelContext context) throws Exception;
    }

    /**
     * Starts the bridge's Camel context with its routes and beans but no schedules and no HTTP servers (so that it
     * runs beside a continuously running bridge), does the work, stops.
     */
    public <T> T runWithoutSchedules(Work<T> work) throws Exception {
        // the file-drop inboxes stay the running bridge's (its leader's): a command takes no file
        return run(work, true, false);
    }

    /**
     * The same with no route started, so that no consumer takes anything (an inbox file, an order): for commands
     * that only read, through the beans.
     */
    public <T> T runReadOnly(Work<T> work) throws Exception {
        return run(work, false, false);
    }

    private <T> T run(Work<T> work, boolean routesStart, boolean fileDrop) throws Exception {
        Main main = newMain(false, !routesStart, fileDrop);
        try {
            main.start();
        } catch (Exception e) {
            main.stop();
            throw routeFileBehind(e, main);
        }
        try {
            return work.run(main.getCamelContext());
        } finally {
            main.stop();
        }
    }

    /** A failed start told as one sentence naming the route file and line, when a route file is to blame. */
    private Exception routeFileBehind(Exception failure, Main main) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PropertyBindingException binding) {
                return new ConfigurationException(camelKeyOf(binding) + " is not a setting Camel knows, or '"
                        + binding.getValue() + "' is not a value it takes; see the Camel Main options.");
            }
        }
        CamelContext context = main.getCamelContext();
        return context == null ? failure
                : RouteFileException.behind(failure, context).<Exception>map(mistake -> mistake).orElse(failure);
    }

    /** The key as the file spells it (Camel reports it in camelCase, without its prefix). */
    private String camelKeyOf(PropertyBindingException binding) {
        String name = binding.getPropertyName() == null ? "" : binding.getPropertyName();
        String flat = name.replace("-", "").toLowerCase(java.util.Locale.ROOT);
        for (String key : properties.stringPropertyNames()) {
            String last = key.substring(key.lastIndexOf('.') + 1).replace("-", "").toLowerCase(java.util.Locale.ROOT);
            if (key.startsWith("camel.") && !flat.isEmpty() && last.equals(flat)) {
                return key;
            }
        }
        String prefix = binding.getOptionPrefix() == null ? "camel." : binding.getOptionPrefix();
        return prefix + name;
    }

    private static List<String> cycleOrder() {
        List<String> order = new java.util.ArrayList<>();
        // the file-drop inboxes are loaded into System2 first, so that the flows see every dropped row
        order.add("system2-files");
        order.addAll(FLOWS);
        order.add("housekeeping");
        return order;
    }

    /** The management server's checked settings when this run opens it, else null. */
    private ManagementSettings managementSettings(boolean scheduled) {
        boolean enabled = Boolean.parseBoolean(properties.getProperty("camel.management.enabled", "false").trim());
        return scheduled && enabled ? ManagementSettings.check(properties) : null;
    }

    private Main newMain(boolean scheduled, boolean readOnly, boolean fileDrop) throws Exception {
        if (!Files.isDirectory(routesDir)) {
            throw new ConfigurationException("The routes folder " + routesDir.toAbsolutePath()
                    + " does not exist; set routes.dir or run from the folder that holds routes/.");
        }
        Main main = new Main();
        Properties camel = new Properties();
        camel.putAll(properties);
        camel.setProperty("flows.scheduled", String.valueOf(scheduled));
        if (!scheduled) {
            camel.setProperty("camel.management.enabled", "false");
            camel.setProperty("camel.server.enabled", "false");
        }
        ManagementSettings management = managementSettings(scheduled);
        if (management != null) {
            camel.putAll(management.camelProperties());
        }
        boolean fileForm = "file".equalsIgnoreCase(properties.getProperty("system2.kind", "").strip());
        camel.setProperty("system2.file.enabled", String.valueOf(!readOnly && fileDrop && fileForm));
        if (fileForm) {
            // in the file form the retailer's files are the warehouse: the demo's would race them for the same orders
            camel.setProperty("demo.enabled", "false");
        }
        if (readOnly) {
            camel.setProperty("camel.main.auto-startup", "false");
            // a reloaded file would start its routes
            camel.setProperty("camel.main.routes-reload-enabled", "false");
        }
        camel.putIfAbsent("camel.main.name", "channel-bridge");
        // Camel's summary of the placeholders in use masks only the names it knows as secret; ours (an FTP
        // password in an endpoint URI) would be printed as they are
        camel.setProperty("camel.main.auto-configuration-log-summary", "false");
        main.setInitialProperties(camel);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configured) {
                CamelContext context = configured.getCamelContext();
                MBeanInfoPerClass.install(context);
                beans.apply(context).forEach((name, bean) -> context.getRegistry().bind(name, bean));
                // Camel Main loads the route files (camel.main.routes-include-pattern); a route id in two of them
                // is told by its files
                context.getCamelContextExtension().getContextPlugin(Model.class)
                        .addModelLifecycleStrategy(new DuplicateRouteIds(context));
                if (scheduled) {
                    // several instances (cluster.kind): the self-starting consumers run on the profile's leader only
                    Instances.join(context, camel);
                }
            }

            @Override
            public void afterConfigure(BaseMainSupport configured) {
                try {
                    // each flow's per-profile templates make one route per profile (the route files are loaded)
                    ProfileRoutes.addAll(configured.getCamelContext());
                    if (management != null) {
                        // after Camel's management server, so that it starts once that server has its router
                        configured.getCamelContext().addService(new ManagementGuard(management), true, true);
                    }
                    RouteFileReload.install(configured.getCamelContext());
                } catch (Exception e) {
                    throw new IllegalStateException("The bridge's services could not be set up: " + e.getMessage(), e);
                }
            }
        });
        return main;
    }
}
