package org.channelbridge.ops.monitor;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.channelbridge.cluster.Leaderships;
import org.channelbridge.flow.Flows;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.ProfileSettings;
import org.channelbridge.ops.deadletter.DeadLetterStore;
import org.channelbridge.system2.System2Database;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry beans of monitoring: health checks, the meter registry, and the JMX/metrics service. */
public final class MonitoringBeans {

    private MonitoringBeans() {
    }

    /**
     * {@code profiles}: every profile the flows run for, the first first; {@code listed}: whether
     * {@code channeladvisor.profiles} names them (the flow MBeans then carry the key {@code profile}, and the cycle
     * lines name it).
     */
    public static Map<String, Object> create(BridgeSettings settings, System2Database database,
                                             DeadLetterStore deadLetters,
                                             List<MonitoredProfile> profiles, boolean listed, CamelContext context) {
        DataSource dataSource = database.dataSource();
        Map<String, Object> beans = new LinkedHashMap<>();
        // bound as "metricsRegistry", Camel's Prometheus support adopts it instead of making its own
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        beans.put("metricsRegistry", meters);
        beans.put("cycleReport", new CycleReport(meters, Flows.IN_CYCLE_ORDER, profiles, listed));
        List<BridgeMonitoring.ProfileView> views = new ArrayList<>();
        long firstProfileId = profiles.get(0).profileId();
        for (MonitoredProfile profile : profiles) {
            views.add(new BridgeMonitoring.ProfileView(profile,
                    new OpsReadings(dataSource, profile.deadLetters(), profile.client(),
                            backlogQueries(settings, profile, firstProfileId)),
                    new DeadLetterOperations(profile.deadLetters(), context),
                    () -> Leaderships.role(context, profile.label())));
        }
        DeadLetterOperations operations = new DeadLetterOperations(deadLetters, context);
        try {
            context.addService(new BridgeMonitoring(Flows.IN_CYCLE_ORDER, views, listed, operations, meters));
            context.addStartupListener(new ErrorHandlingSummary());
            context.addStartupListener(new StartupSummary(settings));
        } catch (Exception e) {
            throw new IllegalStateException("The bridge's JMX beans cannot be set up: " + e.getMessage(), e);
        }
        beans.put("healthSystem2", new DatabaseHealthCheck(dataSource, database.reachability()));
        // each profile's token and FTP login: a revoked or refused profile is named DOWN, the others read UP
        Duration tokenCheckEvery = Duration.ofSeconds(settings.getInt("ops.health.token-check-seconds", 60));
        for (MonitoredProfile profile : profiles) {
            MonitoredProfile named = listed ? profile : null;
            ProfileSettings ftp = profile.settings();
            beans.put("healthChannelAdvisorToken" + profile.suffix(),
                    new ChannelAdvisorTokenHealthCheck(named, profile.client(), tokenCheckEvery));
            beans.put("healthChannelAdvisorFtp" + profile.suffix(), new FtpHealthCheck(named,
                    ftp.get("channeladvisor.ftp-url"), ftp.get("channeladvisor.ftp-user"),
                    ftp.get("channeladvisor.ftp-password")));
        }
        return beans;
    }

    /** Each flow's backlog query ({@code ops.backlog.<flow>}; none when empty) as the profile asks it. */
    private static Map<String, BacklogQuery> backlogQueries(BridgeSettings settings, MonitoredProfile profile,
                                                            long firstProfileId) {
        Map<String, Long> values = Map.of("profile", profile.profileId(), "scope", profile.scope(),
                "firstProfileId", firstProfileId);
        Map<String, BacklogQuery> queries = new LinkedHashMap<>();
        for (String flow : Flows.IN_CYCLE_ORDER) {
            String query = settings.get("ops.backlog." + flow);
            if (query != null && !query.isBlank()) {
                queries.put(flow, BacklogQuery.of(flow, query, values));
            }
        }
        return queries;
    }
}
