package org.channelbridge.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The exit codes every command shares: 2 for a configuration error, 1 for any other failure, with one sentence. */
public final class CommandOutcome {

    private static final Logger LOG = LoggerFactory.getLogger(CommandOutcome.class);

    private CommandOutcome() {
    }

    public static int run(PrintWriter err, Callable<Integer> command) {
        try {
            return command.call();
        } catch (ConfigurationException e) {
            err.println("Configuration error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            LOG.debug("Command failure", e);
            err.println("The bridge could not run: " + FailureSentence.of(e)
                    + " (run with LOG_LEVEL=DEBUG for the stack trace)");
            return 1;
        }
    }
}
