package org.channelbridge.app;

import org.channelbridge.ops.deadletter.DeadLetterReplay;
import org.channelbridge.ops.deadletter.DeadLetterText;
import org.channelbridge.ops.deadletter.KnownFlows;

import org.channelbridge.app.BridgeSession;
import org.channelbridge.app.CommandOutcome;
import org.channelbridge.config.Profiles;
import org.channelbridge.ops.deadletter.DeadLetter;
import org.channelbridge.ops.deadletter.DeadLetterStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.Callable;

/** {@code channel-bridge dlq ...}: see, replay and discard dead letters (the same as the JMX operations). */
@Command(name = "dlq", mixinStandardHelpOptions = true, description = "Dead letters: list, show, replay, discard.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Show.class, DlqCommand.Replay.class,
                DlqCommand.Discard.class})
public final class DlqCommand implements Callable<Integer> {

    @ParentCommand
    BridgeSession.Opener bridge;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        DlqCommand dlq;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        @Override
        public Integer call() {
            return CommandOutcome.run(err(), this::run);
        }

        abstract int run() throws Exception;

        static DeadLetterStore store(BridgeSession session) {
            return new DeadLetterStore(session.database().dataSource(), session.stats());
        }

        /** The store of the profile named by --profile (a name of channeladvisor.profiles), or of all profiles. */
        static DeadLetterStore store(BridgeSession session, String profile) {
            DeadLetterStore all = store(session);
            return profile == null ? all
                    : all.forProfile(session.settings().profiles().select(profile).get(0).profileId());
        }

        /** How the profile of a dead letter is shown: not at all with one profile, by its name with several. */
        static Function<Long, String> profileLabels(BridgeSession session) {
            Profiles profiles = session.settings().profiles();
            return profiles.several() ? profiles::label : null;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists dead letters, newest first.")
    static final class ListLetters extends Sub {
        @Option(names = "--flow", description = "Only this flow's.")
        String flow;
        @Option(names = "--open", description = "Only open ones (not resolved or discarded).")
        boolean open;
        @Option(names = "--profile", paramLabel = "NAME", description = "Only this profile's (a name of"
                + " channeladvisor.profiles); default: every profile's.")
        String profile;

        @Override
        int run() {
            if (KnownFlows.refusal(flow) != null) {
                err().println(KnownFlows.refusal(flow));
                return 2;
            }
            try (BridgeSession session = dlq.bridge.open(false)) {
                List<DeadLetter> letters = store(session, profile).list(flow, open);
                out().print(DeadLetterText.of(letters, profileLabels(session)));
                out().flush();
                return 0;
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one dead letter with its item.")
    static final class Show extends Sub {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int run() {
            try (BridgeSession session = dlq.bridge.open(false)) {
                var letter = store(session).find(id);
                if (letter.isEmpty()) {
                    err().println("There is no dead letter " + id + ".");
                    return 1;
                }
                out().print(DeadLetterText.details(letter.get(), profileLabels(session)));
                out().flush();
                return 0;
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-reads the items from System2 and sends them through their flow again; exits 0 when every"
                    + " one went through, 3 when some failed again.")
    static final class Replay extends Sub {
        @Parameters(paramLabel = "ID", arity = "0..*", description = "Dead letters to replay.")
        List<Long> ids = List.of();
        @Option(names = "--flow", description = "Replay every open dead letter of this flow.")
        String flow;
        @Option(names = "--profile", paramLabel = "NAME", description = "With --flow: only this profile's (a name of"
                + " channeladvisor.profiles); default: every profile's.")
        String profile;

        @Override
        int run() throws Exception {
            if (ids.isEmpty() == (flow == null)) {
                err().println("Give dead-letter IDs or --flow F (one of the two).");
                return 2;
            }
            if (profile != null && flow == null) {
                err().println("--profile goes with --flow: a dead letter's ID names its profile already.");
                return 2;
            }
            if (KnownFlows.refusal(flow) != null) {
                err().println(KnownFlows.refusal(flow));
                return 2;
            }
            try (BridgeSession session = dlq.bridge.open(true)) {
                List<DeadLetterReplay.Result> results = session.application().runWithoutSchedules(context -> {
                    DeadLetterReplay replay = new DeadLetterReplay(context, store(session, profile));
                    return flow != null ? replay.replayFlow(flow) : replay.replay(ids);
                });
                out().print(DeadLetterText.results(results));
                out().flush();
                boolean allResolved = results.stream().allMatch(r -> r.outcome() == DeadLetterReplay.Outcome.RESOLVED);
                return allResolved ? 0 : 3;
            }
        }
    }

    @Command(name = "discard", mixinStandardHelpOptions = true,
            description = "Gives up on dead letters: they leave the open list and are kept for the record.")
    static final class Discard extends Sub {
        @Parameters(paramLabel = "ID", arity = "1..*")
        List<Long> ids;

        @Override
        int run() {
            try (BridgeSession session = dlq.bridge.open(false)) {
                DeadLetterStore store = store(session);
                int failures = 0;
                for (long id : ids) {
                    if (store.discard(id)) {
                        out().println("dead letter " + id + " discarded");
                    } else {
                        failures++;
                        err().println("Dead letter " + id + " is not open (or does not exist); nothing discarded.");
                    }
                }
                out().flush();
                return failures == 0 ? 0 : 1;
            }
        }
    }
}
