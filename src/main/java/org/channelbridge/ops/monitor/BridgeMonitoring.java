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
import java.util.function.ToDoubleFunction;

/**
 * Puts the bridge's own view next to Camel's: one MBean per flow ({@code org.channelbridge:type=flows,name=F}) and
 * the dead-letter MBean ({@code org.channelbridge:type=deadLetters}), and the same counters as Prometheus metrics
 * ({@code bridge_flow_items_total{flow,outcome}}, {@code bridge_flow_backlog}, {@code bridge_flow_dead_letters_open},
 * {@code bridge_channeladvisor_*}). Registered while the Camel context runs.
 */
public final class BridgeMonitoring extends ServiceSupport {

    public static final String DOMAIN = "org.channelbridge";

    private static final Logger LOG = LoggerFactory.getLogger(BridgeMonitoring.class);

    private final List<String> flows;
    private final FlowStats stats;
    private final OpsReadings readings;
    private final DeadLetterOperations deadLetters;
    private final MeterRegistry meters;
    private final List<ObjectName> registered = new ArrayList<>();

    public BridgeMonitoring(List<String> flows, FlowStats stats, OpsReadings readings, DeadLetterOperations deadLetters,
                            MeterRegistry meters) {
        this.flows = flows;
        this.stats = stats;
        this.readings = readings;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    @Override
    protected void doStart() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (String flow : flows) {
            register(server, new ObjectName(DOMAIN + ":type=flows,name=" + flow),
                    new StandardMBean(new FlowMonitor(flow, stats, readings, deadLetters), FlowMonitorMBean.class));
            bindMeters(flow);
        }
        register(server, new ObjectName(DOMAIN + ":type=deadLetters"),
                new StandardMBean(deadLetters, DeadLettersMBean.class));
        FunctionCounter.builder("bridge_channeladvisor_throttled", readings, OpsReadings::throttled)
                .description("429 answers of ChannelAdvisor (shared by all flows)").register(meters);
        FunctionCounter.builder("bridge_channeladvisor_token_refreshes", readings, OpsReadings::tokenRefreshes)
                .description("access tokens fetched").register(meters);
        FunctionCounter.builder("bridge_channeladvisor_requests", readings, OpsReadings::requestsSent)
                .description("requests counted against the budget ($batch parts included)").register(meters);
        Gauge.builder("bridge_channeladvisor_budget_per_minute", readings, OpsReadings::budgetPerMinute)
                .description("our request budget per minute (channeladvisor.requests-per-minute)").register(meters);
    }

    private void bindMeters(String flow) {
        counter(flow, "read", c -> c.read());
        counter(flow, "sent", c -> c.sent());
        counter(flow, "skipped", c -> c.skipped());
        counter(flow, "dead_lettered", c -> c.deadLettered());
        Gauge.builder("bridge_flow_backlog", readings, r -> r.backlog(flow)).tag("flow", flow)
                .description("items waiting in System2 (-1: not known)").register(meters);
        Gauge.builder("bridge_flow_dead_letters_open", readings, r -> r.openDeadLetters(flow)).tag("flow", flow)
                .description("open dead letters").register(meters);
        Gauge.builder("bridge_flow_last_run_seconds", stats, s -> s.of(flow).lastRun() == null ? 0
                        : s.of(flow).lastRun().getEpochSecond()).tag("flow", flow)
                .description("when the last cycle started (epoch seconds; 0: never)").register(meters);
    }

    private void counter(String flow, String outcome, ToDoubleFunction<FlowStats.Counts> value) {
        FunctionCounter.builder("bridge_flow_items", stats, s -> value.applyAsDouble(s.of(flow)))
                .tags("flow", flow, "outcome", outcome).description("items per flow and outcome").register(meters);
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
