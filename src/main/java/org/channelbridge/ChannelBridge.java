package org.channelbridge;

import org.channelbridge.ops.BridgeApplication;
import org.channelbridge.ops.BridgeBeans;
import org.channelbridge.ops.BridgeSettings;
import org.channelbridge.ops.ConfigFile;
import org.channelbridge.ops.ConfigurationException;
import org.channelbridge.ops.FlowStats;
import org.channelbridge.sandbox.SandboxCommand;
import org.channelbridge.system2.DemoCatalog;
import org.channelbridge.system2.System2Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.Callable;

/**
 * The command line of the bridge (design §2): runs the flows continuously (default) or once, and the standalone
 * sandbox. It is the one place that wires the sandbox in as the embedded default.
 */
@Command(name = "channel-bridge", mixinStandardHelpOptions = true, version = "Channel Bridge 0.1",
        description = "Connects System2 with ChannelAdvisor: products, orders, acks, shipments, refunds.",
        subcommands = {SandboxCommand.class})
public final class ChannelBridge implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelBridge.class);

    @Option(names = "--once", description = "Run each flow one full cycle, print a summary, exit.")
    boolean once;

    @Option(names = "--config", defaultValue = "config/application.properties",
            description = "The properties file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        return new CommandLine(new ChannelBridge()).execute(args);
    }

    @Override
    public Integer call() {
        try {
            Properties properties = ConfigFile.load(config, System.getenv());
            BridgeSettings settings = BridgeSettings.check(properties);
            try (EmbeddedDefault embedded = EmbeddedDefault.startIfNeeded(settings);
                 System2Database database = System2Database.open(settings.get("system2.jdbc.url"),
                         settings.get("system2.jdbc.user"), settings.get("system2.jdbc.password"),
                         settings.getInt("system2.jdbc.pool-size", 10))) {
                database.migrate();
                properties.setProperty("demo.enabled", String.valueOf(embedded.isRunning()));
                if (embedded.isRunning() && settings.getInt("demo.catalog-size", 500) > 0) {
                    new DemoCatalog(database.dataSource()).seedIfEmpty(settings.getInt("demo.catalog-size", 500));
                }
                FlowStats stats = new FlowStats();
                BridgeApplication application = new BridgeApplication(properties, routesDir(settings),
                        context -> BridgeBeans.create(settings, database, stats, context));
                if (once) {
                    application.runOnce(spec.commandLine().getOut(), stats);
                } else {
                    application.runContinuously();
                }
            }
            return 0;
        } catch (ConfigurationException e) {
            err().println("Configuration error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            LOG.debug("Start-up failure", e);
            err().println("The bridge could not start: " + e.getMessage()
                    + " (run with LOG_LEVEL=DEBUG for the stack trace)");
            return 1;
        }
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private Path routesDir(BridgeSettings settings) {
        String configured = settings.get("routes.dir");
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        Path configFolder = config.toAbsolutePath().getParent();
        Path base = configFolder.getParent() == null ? configFolder : configFolder.getParent();
        return base.resolve("routes");
    }
}
