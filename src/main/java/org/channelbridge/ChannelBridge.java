package org.channelbridge;

import org.channelbridge.sandbox.SandboxCommand;
import picocli.CommandLine;

public final class ChannelBridge {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("sandbox")) {
            System.exit(new CommandLine(new SandboxCommand()).execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.out.println("channel bridge");
    }
}
