package org.channelbridge.app;

import org.apache.camel.CamelContext;
import org.channelbridge.config.ProfileSettings;
import org.channelbridge.config.Profiles;
import org.channelbridge.ops.reconcile.CatalogComparison;
import org.channelbridge.ops.reconcile.Difference;
import org.channelbridge.ops.reconcile.ReconcileReport;
import org.channelbridge.ops.reconcile.Reconciliation;

import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ReadyOrderFilter;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.app.BridgeSession;
import org.channelbridge.app.CommandOutcome;
import org.channelbridge.config.ConfigurationException;
import org.channelbridge.system2.ProductCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code channel-bridge reconcile [--since T] [--profile NAME]}: every profile, or the one named; exits 0 when System2
 * and ChannelAdvisor agree, 3 when they differ.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compares System2 with ChannelAdvisor, prints the differences and writes them as JSON;"
                + " exits 0 when both agree, 3 when they differ.")
public final class ReconcileCommand implements Callable<Integer> {

    @ParentCommand
    BridgeSession.Opener bridge;

    @Spec
    CommandSpec spec;

    @Option(names = "--since", description = "Only what was created since then: 2026-11-01 or 2026-11-01T08:00:00Z.")
    String since;

    @Option(names = "--json", description = "Where the JSON report goes (default: reconcile.report-file).")
    Path json;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Only this profile (a name of channeladvisor.profiles); default: every profile.")
    String profile;

    @Override
    public Integer call() {
        return CommandOutcome.run(spec.commandLine().getErr(), () -> {
            Instant from = parseSince();
            try (BridgeSession session = bridge.open(true)) {
                if (Boolean.parseBoolean(session.settings().get("demo.enabled"))) {
                    // the embedded sandbox starts empty each time: every System2 row would be a false difference
                    throw new ConfigurationException("reconcile compares System2 with a ChannelAdvisor account, but"
                            + " channeladvisor.application-id (CA_APPLICATION_ID) is empty, so only a new, empty"
                            + " embedded sandbox would answer; set the account's credentials.");
                }
                Path file = json != null ? json : Path.of(session.settings().get("reconcile.report-file",
                        "data/reconcile.json"));
                Profiles profiles = session.settings().profiles();
                List<ProfileSettings> compared = profiles.select(profile);
                ReconcileReport report = session.application().runReadOnly(context -> {
                    List<Difference> differences = new ArrayList<>();
                    for (ProfileSettings each : compared) {
                        List<Difference> found = reconciliation(session, context, profiles, each,
                                readyFilter(session.settings())).run(from);
                        for (Difference d : found) {
                            // with several profiles each difference says whose it is
                            differences.add(profiles.several() ? new Difference(d.kind(), d.key(), "Profile "
                                    + each.name() + ": " + d.detail()) : d);
                        }
                    }
                    return new ReconcileReport(Instant.now(), from, differences);
                });
                report.writeJson(file);
                spec.commandLine().getOut().print(report.table());
                spec.commandLine().getOut().println("JSON report: " + file.toAbsolutePath());
                spec.commandLine().getOut().flush();
                return report.agrees() ? 0 : 3;
            }
        });
    }

    /**
     * One profile's reconciliation through its client: the single profile's as it always was, a listed profile's
     * with its own products (product_profiles), distribution center, shipments and adjustments.
     */
    private static Reconciliation reconciliation(BridgeSession session, CamelContext context, Profiles profiles,
                                                 ProfileSettings profile, String readyFilter) {
        ProductCatalog catalog = new ProductCatalog(session.database().dataSource(),
                session.settings().getInt("products.fetch-size", 1000));
        if (!profiles.listed()) {
            ChannelAdvisorClient client = context.getRegistry().lookupByNameAndType("channelAdvisor",
                    ChannelAdvisorClient.class);
            return new Reconciliation(client, session.database().dataSource(), client.settings().profileId(),
                    readyFilter, new CatalogComparison(client, catalog,
                    session.settings().getInt("products.distribution-center-id", 0)));
        }
        ChannelAdvisorClient client = context.getRegistry().lookupByNameAndType(
                ProfileBeans.clientName(profile.name()), ChannelAdvisorClient.class);
        return new Reconciliation(client, session.database().dataSource(), profile.profileId(), readyFilter,
                new CatalogComparison(client, catalog.forProfile(profile.profileId()),
                        profile.getInt("products.distribution-center-id", 0)))
                .amongSeveralProfiles();
    }

    /** The ready-for-fulfilment filter of the orders flow (orders.ready.*). */
    private static String readyFilter(BridgeSettings settings) {
        return ReadyOrderFilter.build(settings.get("orders.ready.payment-statuses", "Cleared"),
                settings.get("orders.ready.checkout-statuses", "Completed,CompletedAndVisited,CompletedOffline"),
                settings.get("orders.ready.shipping-statuses", "Unshipped,PendingShipment,PartiallyShipped"),
                settings.get("orders.ready.extra-filter"));
    }

    private Instant parseSince() {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return since.contains("T") ? Instant.parse(since) : LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("--since must be a date (2026-11-01) or a UTC time"
                    + " (2026-11-01T08:00:00Z), not '" + since + "'.");
        }
    }
}
