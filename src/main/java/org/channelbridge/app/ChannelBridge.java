package org.channelbridge.app;

import org.channelbridge.app.BridgeApplication;
import org.channelbridge.app.BridgeBeans;
import org.channelbridge.app.BridgeSession;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.app.CommandLogging;
import org.channelbridge.app.CommandOutcome;
import org.channelbridge.config.ConfigFile;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.config.UnknownSettings;
import org.channelbridge.app.CheckCommand;
import org.channelbridge.app.DlqCommand;
import org.channelbridge.app.HawtioCommand;
import org.channelbridge.app.management.ManagementSettings;
import org.channelbridge.app.StatusCommand;
import org.channelbridge.app.ReconcileCommand;
import org.channelbridge.sandbox.SandboxCommand;
import org.channelbridge.system2.DemoCatalog;
import org.channelbridge.system2.System2Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.Callable;

/**
 * The command line of the bridge (design §2): runs the flows continuously (default) or once, and the standalone
 * sandbox. It is the one place that wires the sandbox in as the embedded default.
 */
@Command(name = "channel-bridge", mixinStandardHelpOptions = true, version = "Channel Bridge 0.1",
        description = "Connects System2 with ChannelAdvisor: products, orders, acks, shipments, refunds.",
        subcommands = {SandboxCommand.class, DlqCommand.class, ReconcileCommand.class, CheckCommand.class,
                StatusCommand.class, HawtioCommand.class})
public final class ChannelBridge implements Callable<Integer>, BridgeSession.Opener {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelBridge.class);

    @Option(names = "--once", description = "Run each flow one full cycle, print a summary, exit.")
    boolean once;

    @Option(names = "--config", scope = ScopeType.INHERIT,
            description = "A properties file with the settings it changes, over config/application.properties"
                    + " and the built-in defaults (the environment still wins).")
    Path config;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Commands: log at INFO (on stderr) rather than only warnings and errors.")
    boolean verbose;

    /** The continuous run logs on stdout at INFO; every other command keeps stdout for its result. */
    private boolean continuous;

    private static final Path CONVENTIONAL_CONFIG = Path.of("config/application.properties");

    @Spec
    CommandSpec spec;

    /** The continuous run opens the management server: its settings are checked before anything starts. */
    private boolean opensManagementServer;

    public static void main(String[] args) {
        // An IPv4 listener on 127.0.0.1 stays an IPv4 socket (the JVM would otherwise open an IPv6 one that shows as
        // [::ffff:127.0.0.1]); an IPv6 management.host needs IPv6, so it is left on when MANAGEMENT_HOST names one.
        if (System.getProperty("java.net.preferIPv4Stack") == null
                && !System.getenv().getOrDefault("MANAGEMENT_HOST", "").contains(":")) {
            System.setProperty("java.net.preferIPv4Stack", "true");
        }
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        return new CommandLine(new ChannelBridge()).execute(args);
    }

    @Override
    public Integer call() {
        continuous = !once;
        return CommandOutcome.run(err(), () -> {
            opensManagementServer = !once;
            try (BridgeSession session = open(true)) {
                if (once) {
                    demo(session);
                    session.application().runOnce(spec.commandLine().getOut(), session.stats());
                } else {
                    IdleMemory.apply(session.settings().getInt("memory.idle-gc-seconds", 60));
                    // start-up time: System2 is migrated (or waited for) and the demo seeded on a thread of its
                    // own while Camel loads the routes; no route starts before it is done
                    CompletableFuture<Void> system2 = onThreadOfItsOwn("system2-start", () -> {
                        waitForOrMigrate(session);
                        demo(session);
                    });
                    session.application().runContinuously(loaded -> join(system2));
                }
            }
            return 0;
        });
    }

    /**
     * The continuous run: migrates System2 now when it answers; when it does not, says why in one line and leaves
     * the migration to the first moment it answers (the bridge runs on, its flows skip their cycles until then).
     */
    private static void waitForOrMigrate(BridgeSession session) {
        String problem = session.database().migrateWhenReachable(session.settings().profiles().first().profileId());
        if (problem != null) {
            LOG.warn("The System2 database cannot be reached at start ({}); the bridge starts all the same and waits"
                    + " for it: its schema is migrated and the flows run once it answers", problem);
        }
    }

    /**
     * demo.enabled (the embedded sandbox runs; open() sets it): the demo System2 meets the new sandbox with its
     * catalog. A demo pointed at a database that is down goes without its demo data.
     */
    private static void demo(BridgeSession session) throws SQLException {
        if (!Boolean.parseBoolean(session.settings().get("demo.enabled"))
                || session.database().reachability().migrationPending()) {
            return;
        }
        DemoCatalog demo = new DemoCatalog(session.database().dataSource());
        // only the demo database (H2) is reset: a database of the user's own is never touched
        if (session.database().vendor().equals("h2")) {
            demo.forgetPreviousSandbox();
        }
        if (session.settings().getInt("demo.catalog-size", 500) > 0) {
            demo.seedIfEmpty(session.settings().getInt("demo.catalog-size", 500));
        }
    }

    /** Work on the start-up's own thread. */
    private interface StartWork {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> onThreadOfItsOwn(String name, StartWork work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Waits for {@code work}; its failure is thrown as it was thrown. */
    private static void join(CompletableFuture<Void> work) {
        try {
            work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public Properties configuration() {
        CommandLogging.apply(continuous, verbose, once);
        return ConfigFile.load(configFiles(), System.getenv());
    }

    /** Reads and checks the configuration, starts the embedded sandbox when it is the default, opens System2. */
    @Override
    public BridgeSession open(boolean channelAdvisor) {
        return open(channelAdvisor, true);
    }

    @Override
    public BridgeSession open(boolean channelAdvisor, boolean migrate) {
        CommandLogging.apply(continuous, verbose, once);
        Properties properties = ConfigFile.load(configFiles(), System.getenv());
        new UnknownSettings(EmbeddedDefault.settingNames()).check(properties);
        BridgeSettings settings = BridgeSettings.check(properties);
        if (opensManagementServer) {
            ManagementSettings.check(properties);
        }
        EmbeddedDefault embedded = channelAdvisor ? EmbeddedDefault.startIfNeeded(settings) : EmbeddedDefault.none();
        if (!channelAdvisor) {
            EmbeddedDefault.nameProfileWithoutStarting(settings);
        }
        properties.setProperty("demo.enabled", String.valueOf(embedded.isRunning()));
        System2Database database;
        try {
            database = System2Database.open(settings.get("system2.jdbc.url"), settings.get("system2.jdbc.user"),
                    settings.get("system2.jdbc.password"), settings.getInt("system2.jdbc.pool-size", 10));
            if (!(continuous && migrate)) {
                // the continuous run migrates beside Camel's start, and waits for a database that is down (call());
                // a command or --once has nothing to wait for: it says why and exits (1, could not start)
                String problem = database.reachability().problem();
                if (problem != null) {
                    database.refuseWrongLogin(problem);
                    throw new IllegalStateException("The System2 database cannot be reached: " + problem);
                }
                if (migrate) {
                    database.migrate(settings.profiles().first().profileId());
                }
            }
            embedded.awaitStarted();
        } catch (RuntimeException | Error e) {
            embedded.close();
            throw e;
        }
        FlowStats stats = new FlowStats();
        BridgeApplication application = new BridgeApplication(properties, routesDir(settings),
                context -> BridgeBeans.create(settings, database, stats, context));
        return new Session(settings, database, stats, application, embedded);
    }

    private record Session(BridgeSettings settings, System2Database database, FlowStats stats,
                           BridgeApplication application, EmbeddedDefault embedded) implements BridgeSession {
        @Override
        public void close() {
            try {
                database.close();
            } finally {
                embedded.close();
            }
        }
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** config/application.properties when it is there, then the --config file (design: layered configuration). */
    private List<Path> configFiles() {
        List<Path> files = new ArrayList<>();
        boolean conventional = Files.isRegularFile(CONVENTIONAL_CONFIG);
        if (conventional && (config == null || !isSameFile(config, CONVENTIONAL_CONFIG))) {
            files.add(CONVENTIONAL_CONFIG);
        }
        if (config != null) {
            files.add(config);
        }
        return files;
    }

    private static boolean isSameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** routes.dir: the configuration fills it in with the routes/ folder beside the config folder when empty. */
    private static Path routesDir(BridgeSettings settings) {
        return Path.of(settings.get("routes.dir"));
    }
}
