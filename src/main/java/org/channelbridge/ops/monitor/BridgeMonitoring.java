package org.channelbridge.ops.monitor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.support.service.ServiceSupport;
import org.channelbridge.progress.FlowStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Puts the bridge's own view next to Camel's: one MBean per flow ({@code org.channelbridge:type=flows,name=F}; with
 * {@code channeladvisor.profiles}, one per flow and profile, {@code org.channelbridge:type=flows,name=F,profile=<id>})
 * and the dead-letter MBean ({@code org.channelbridge:type=deadLetters}), and the same counters as Prometheus metrics,
 * each labelled with its profile's id ({@code bridge_flow_items_total{flow,outcome,profile}},
 * {@code bridge_flow_backlog}, {@code bridge_flow_dead_letters_open}, {@code bridge_channeladvisor_*{profile}}).
 * Registered while the Camel context runs.
 */
public final class BridgeMonitoring extends ServiceSupport {

    public static final String DOMAIN = "org.channelbridge";

    private static final Logger LOG = LoggerFactory.getLogger(BridgeMonitoring.class);

    /** One profile as JMX and the metrics read it: its counters and client, System2's readings, its dead letters. */
    public record ProfileView(MonitoredProfile profile, OpsReadings readings, DeadLetterOperations deadLetters,
                              Supplier<String> leadership) {
    }

    private final List<String> flows;
    private final List<ProfileView> profiles;
    private final boolean listed;
    private final DeadLetterOperations deadLetters;
    private final MeterRegistry meters;
    private final List<ObjectName> registered = new ArrayList<>();

    /**
     * {@code listed}: whether {@code channeladvisor.profiles} names the profiles (the flow MBeans then carry the key
     * {@code profile}); {@code deadLetters}: the operations of every profile's dead letters.
     */
    public BridgeMonitoring(List<String> flows, List<ProfileView> profiles, boolean listed,
                            DeadLetterOperations deadLetters, MeterRegistry meters) {
        this.flows = flows;
        this.profiles = profiles;
        this.listed = listed;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    /** The MBean of a flow in a profile. */
    public static ObjectName flowName(String flow, String profileId) throws JMException {
        return new ObjectName(DOMAIN + ":type=flows,name=" + flow + (profileId == null ? "" : ",profile=" + profileId));
    }

    @Override
    protected void doStart() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ProfileView view : profiles) {
            MonitoredProfile profile = view.profile();
            for (String flow : flows) {
                register(server, flowName(flow, listed ? profile.label() : null),
                        new StandardMBean(new FlowMonitor(flow, listed ? profile.title() : "", profile.stats(),
                                view.readings(), view.deadLetters(), view.leadership()), FlowMonitorMBean.class));
                bindMeters(flow, view);
            }
            bindClientMeters(view);
        }
        register(server, new ObjectName(DOMAIN + ":type=deadLetters"),
                new StandardMBean(deadLetters, DeadLettersMBean.class));
    }

    private void bindClientMeters(ProfileView view) {
        OpsReadings readings = view.readings();
        String profile = view.profile().label();
        FunctionCounter.builder("bridge_channeladvisor_throttled", readings, OpsReadings::throttled).tag("profile", profile)
                .description("429 answers of ChannelAdvisor (shared by the profile's flows)").register(meters);
        FunctionCounter.builder("bridge_channeladvisor_token_refreshes", readings, OpsReadings::tokenRefreshes)
                .tag("profile", profile).description("access tokens fetched").register(meters);
        FunctionCounter.builder("bridge_channeladvisor_requests", readings, OpsReadings::requestsSent)
                .tag("profile", profile)
                .description("requests counted against the budget ($batch parts included)").register(meters);
        Gauge.builder("bridge_channeladvisor_budget_per_minute", readings, OpsReadings::budgetPerMinute)
                .tag("profile", profile)
                .description("our request budget per minute (channeladvisor.requests-per-minute)").register(meters);
    }

    private void bindMeters(String flow, ProfileView view) {
        FlowStats stats = view.profile().stats();
        OpsReadings readings = view.readings();
        String profile = view.profile().label();
        counter(flow, profile, stats, "read", c -> c.read());
        counter(flow, profile, stats, "sent", c -> c.sent());
        counter(flow, profile, stats, "skipped", c -> c.skipped());
        counter(flow, profile, stats, "dead_lettered", c -> c.deadLettered());
        Gauge.builder("bridge_flow_backlog", readings, r -> r.backlog(flow)).tags("flow", flow, "profile", profile)
                .description("items waiting in System2 (-1: not known)").register(meters);
        Gauge.builder("bridge_flow_dead_letters_open", readings, r -> r.openDeadLetters(flow))
                .tags("flow", flow, "profile", profile).description("open dead letters").register(meters);
        Gauge.builder("bridge_flow_last_run_seconds", stats, s -> s.of(flow).lastRun() == null ? 0
                        : s.of(flow).lastRun().getEpochSecond()).tags("flow", flow, "profile", profile)
                .description("when the last cycle started (epoch seconds; 0: never)").register(meters);
    }

    private void counter(String flow, String profile, FlowStats stats, String outcome,
                         ToDoubleFunction<FlowStats.Counts> value) {
        FunctionCounter.builder("bridge_flow_items", stats, s -> value.applyAsDouble(s.of(flow)))
                .tags("flow", flow, "outcome", outcome, "profile", profile)
                .description("items per flow and outcome").register(meters);
    }

    private void register(MBeanServer server, ObjectName name, Object bean) throws JMException {
        if (server.isRegistered(name)) {
            // a previous bridge in this JVM (tests, a restart of the context) left it: the running one is shown
            server.unregisterMBean(name);
        }
        server.registerMBean(bean, name);
        registered.add(name);
    }

    @Override
    protected void doStop() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : registered) {
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
            } catch (JMException e) {
                LOG.debug("MBean {} could not be unregistered", name, e);
            }
        }
        registered.clear();
    }
}
