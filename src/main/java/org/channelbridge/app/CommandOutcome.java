package org.channelbridge.app;

import org.channelbridge.config.ConfigurationException;

import org.channelbridge.ops.FailureSentence;

import org.channelbridge.channeladvisor.ChannelAdvisorAuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The exit codes every command shares (README, "Exit codes"): 0 done; 1 could not start; 2 a setting is wrong;
 * 3 differences or items that failed again (the command returns it); 4 ChannelAdvisor refused the credentials or
 * the account. Each failure is one sentence on stderr.
 */
public final class CommandOutcome {

    public static final int DONE = 0;
    public static final int COULD_NOT_START = 1;
    public static final int WRONG_SETTING = 2;
    public static final int DIFFERENCES = 3;
    public static final int REFUSED = 4;

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
            ConfigurationException setting = settingIn(e);
            if (setting != null) {
                err.println("Configuration error: " + setting.getMessage());
                return WRONG_SETTING;
            }
            ChannelAdvisorAuthenticationException refused = refusalIn(e);
            if (refused != null) {
                LOG.debug("Credentials refused", e);
                err.println(refused.getMessage() + " (check channeladvisor.application-id, shared-secret, refresh-token"
                        + " and profile-id)");
                return REFUSED;
            }
            LOG.debug("Command failure", e);
            err.println("The bridge could not run: " + FailureSentence.of(e)
                    + " (run with LOG_LEVEL=DEBUG for the stack trace)");
            return COULD_NOT_START;
        }
    }

    /** A wrong setting found while Camel started (it wraps what a listener or a bean threw). */
    private static ConfigurationException settingIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigurationException setting) {
                return setting;
            }
        }
        return null;
    }

    private static ChannelAdvisorAuthenticationException refusalIn(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChannelAdvisorAuthenticationException refused) {
                return refused;
            }
        }
        return null;
    }
}
