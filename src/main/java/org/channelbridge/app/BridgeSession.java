package org.channelbridge.app;

import org.channelbridge.config.BridgeSettings;

import org.channelbridge.progress.FlowStats;

import org.channelbridge.system2.System2Database;

/**
 * The bridge as a subcommand of the command line gets it: checked settings, the migrated System2 database, and the
 * application (its Camel context is started only when the subcommand runs routes).
 */
public interface BridgeSession extends AutoCloseable {

    BridgeSettings settings();

    System2Database database();

    FlowStats stats();

    BridgeApplication application();

    @Override
    void close();

    /** Opens sessions from the command line's {@code --config}; {@code channelAdvisor}: the subcommand calls it. */
    interface Opener {
        BridgeSession open(boolean channelAdvisor);

        /** {@code migrate} false: the System2 schema is left as it is (a command that must write nothing). */
        default BridgeSession open(boolean channelAdvisor, boolean migrate) {
            return open(channelAdvisor);
        }

        /** The configuration as read (environment applied), for commands that only talk to a running bridge. */
        java.util.Properties configuration();
    }
}
