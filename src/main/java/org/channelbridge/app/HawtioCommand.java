package org.channelbridge.app;

import org.channelbridge.ops.hawtio.HawtioServer;

import org.channelbridge.app.BridgeSession;
import org.channelbridge.app.CommandOutcome;
import org.channelbridge.ops.monitor.ManagementEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code channel-bridge hawtio [--port P]}: Hawtio's console, already showing the running bridge, until stopped. */
@Command(name = "hawtio", mixinStandardHelpOptions = true,
        description = "Serves Hawtio at http://127.0.0.1:PORT/hawtio/, connected to the running bridge's Jolokia.")
public final class HawtioCommand implements Callable<Integer> {

    @ParentCommand
    BridgeSession.Opener bridge;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8090", description = "Hawtio's port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bridge-port", description = "The bridge's management port (default: camel.management.port).")
    Integer bridgePort;

    @Option(names = "--bridge-url", description = "The bridge's management base URL, e.g. http://host:8081.")
    String bridgeUrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return CommandOutcome.run(spec.commandLine().getErr(), () -> {
            ManagementEndpoint endpoint = ManagementEndpoint.of(bridgeUrl, bridgePort, bridge.configuration());
            try (HawtioServer hawtio = HawtioServer.start(port, endpoint)) {
                out.println("Hawtio at " + hawtio.url() + " shows the bridge at " + endpoint.base()
                        + " (its Jolokia, " + endpoint.jolokia() + "). Stop with Ctrl+C.");
                out.flush();
                hawtio.join();
            }
            return 0;
        });
    }
}
