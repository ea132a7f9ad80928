package org.channelbridge.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Where the log goes: the continuous run logs on stdout at the levels of logback.xml; every other command keeps
 * stdout for its result (a table, a report) and logs on stderr, only warnings and errors unless {@code --verbose}.
 */
public final class CommandLogging {

    /** The loggers logback.xml sets at INFO that a command quiets (their configured levels, kept to restore them). */
    private static final String[] QUIETED = {Logger.ROOT_LOGGER_NAME, "org.apache.camel", "org.apache.hc"};
    /** The bridge's own loggers, quiet in a run of the flows where the root logger is not. */
    private static final String BRIDGE = "org.channelbridge";
    private static boolean bridgeQuieted;
    private static final Map<String, Level> CONFIGURED = new HashMap<>();
    /**
     * What the embedded default does to the demo data (starts a sandbox, resets and seeds the demo System2) is said
     * by every command, quiet or not: a person must not find the demo database emptied without a word. A cycle that
     * did something says so in one line (what {@code --once} did, flow by flow), also without {@code --verbose}.
     */
    private static final String[] ALWAYS_SAID = {"org.channelbridge.app.EmbeddedDefault",
            "org.channelbridge.system2.DemoCatalog", "org.channelbridge.cycle"};

    private CommandLogging() {
    }

    public static synchronized void apply(boolean continuous, boolean verbose) {
        apply(continuous, verbose, false);
    }

    /**
     * {@code routesSpeak}: a run of the flows ({@code --once}) keeps the routes' own {@code log} steps at their level
     * (an integrator's route logs under its route id, outside the bridge's and the libraries' packages, which stay
     * quiet): what the routes were written to say is part of what the run did.
     */
    public static synchronized void apply(boolean continuous, boolean verbose, boolean routesSpeak) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (String name : QUIETED) {
            Logger logger = context.getLogger(name);
            CONFIGURED.putIfAbsent(name, logger.getLevel());
            Level configured = CONFIGURED.get(name);
            logger.setLevel(continuous || verbose || (routesSpeak && name.equals(Logger.ROOT_LOGGER_NAME))
                    ? configured : Level.WARN);
        }
        Logger bridge = context.getLogger(BRIDGE);
        boolean quietBridge = routesSpeak && !continuous && !verbose;
        if (quietBridge) {
            bridgeQuieted = true;
            bridge.setLevel(Level.WARN);
        } else if (bridgeQuieted) {
            bridgeQuieted = false;
            bridge.setLevel(null);
        }
        for (String name : ALWAYS_SAID) {
            Logger logger = context.getLogger(name);
            boolean moreThanInfo = logger.getLevel() != null && !logger.getLevel().isGreaterOrEqual(Level.INFO);
            if (!moreThanInfo) {
                logger.setLevel(continuous ? null : Level.INFO);
            }
        }
        String target = continuous ? "System.out" : "System.err";
        for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it =
             context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ConsoleAppender<?> console && !console.getTarget().equals(target)) {
                console.stop();
                console.setTarget(target);
                console.start();
            }
        }
    }
}
