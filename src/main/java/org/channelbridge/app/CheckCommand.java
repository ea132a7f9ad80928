package org.channelbridge.app;

import org.channelbridge.ops.check.LiveReadiness;
import org.channelbridge.ops.check.ProbeResult;

import org.apache.camel.impl.DefaultCamelContext;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.config.ProfileSettings;
import org.channelbridge.config.Profiles;
import org.channelbridge.app.BridgeSession;
import org.channelbridge.app.CommandOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code channel-bridge check [--profile NAME]}: read-only probes before going live, for each profile (or the one
 * named) and then for what the profiles share. Exits 0 when every probe passed, 3 when one failed, 4 when
 * ChannelAdvisor refused the credentials. Writes nothing to ChannelAdvisor or System2 (the System2 schema is not
 * migrated either).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Probes ChannelAdvisor, its FTP server and System2 without changing anything; exits 0 when all"
                + " pass, 3 when one fails, 4 when ChannelAdvisor refuses the credentials.")
public final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    BridgeSession.Opener bridge;

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Only this profile's probes (a name of channeladvisor.profiles); default: every profile.")
    String profile;

    @Override
    public Integer call() {
        return CommandOutcome.run(spec.commandLine().getErr(), () -> {
            try (BridgeSession session = bridge.open(true, false);
                 DefaultCamelContext context = new DefaultCamelContext()) {
                context.start();
                Profiles profiles = session.settings().profiles();
                List<ProfileSettings> probed = profiles.select(profile);
                List<ProbeResult> results = new ArrayList<>();
                LiveReadiness readiness = null;
                for (ProfileSettings each : probed) {
                    try (ChannelAdvisorClient client = ChannelAdvisorClient.create(context, each.channelAdvisor())) {
                        readiness = new LiveReadiness(session.settings(), each, client, session.database(), context);
                        for (ProbeResult result : readiness.profileProbes()) {
                            // with several profiles each probe says whose it is
                            results.add(profiles.several() ? result.ofProfile(each.name()) : result);
                        }
                    }
                }
                results.addAll(readiness.sharedProbes());
                print(results, spec.commandLine().getOut());
                if (results.stream().anyMatch(ProbeResult::credentialsRefused)) {
                    return 4;
                }
                return results.stream().allMatch(ProbeResult::passed) ? 0 : 3;
            }
        });
    }

    private static void print(List<ProbeResult> results, PrintWriter out) {
        int width = results.stream().mapToInt(r -> r.probe().length()).max().orElse(10);
        for (ProbeResult r : results) {
            out.printf("%-" + width + "s  %-4s  %s%n", r.probe(), r.passed() ? "ok" : "FAIL", r.found());
            if (!r.passed()) {
                out.printf("%-" + width + "s        fix: %s%n", "", r.fix());
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println(failed == 0 ? "All " + results.size() + " probes passed; nothing was changed."
                : failed + " of " + results.size() + " probes failed; nothing was changed.");
        out.flush();
    }
}
