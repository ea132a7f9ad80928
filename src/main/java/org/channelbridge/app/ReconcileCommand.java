package org.channelbridge.app;

import org.channelbridge.ops.reconcile.CatalogComparison;
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
import java.util.concurrent.Callable;

/** {@code channel-bridge reconcile [--since T]}: exits 0 when System2 and ChannelAdvisor agree, 3 when they differ. */
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
                ReconcileReport report = session.application().runReadOnly(context -> {
                    ChannelAdvisorClient client = context.getRegistry().lookupByNameAndType("channelAdvisor",
                            ChannelAdvisorClient.class);
                    CatalogComparison products = new CatalogComparison(client, new ProductCatalog(
                            session.database().dataSource(), session.settings().getInt("products.fetch-size", 1000)),
                            session.settings().getInt("products.distribution-center-id", 0));
                    Reconciliation reconciliation = new Reconciliation(client, session.database().dataSource(),
                            client.settings().profileId(), readyFilter(session.settings()), products);
                    return new ReconcileReport(Instant.now(), from, reconciliation.run(from));
                });
                report.writeJson(file);
                spec.commandLine().getOut().print(report.table());
                spec.commandLine().getOut().println("JSON report: " + file.toAbsolutePath());
                spec.commandLine().getOut().flush();
                return report.agrees() ? 0 : 3;
            }
        });
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
