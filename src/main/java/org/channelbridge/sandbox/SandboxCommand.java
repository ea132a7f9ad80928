package org.channelbridge.sandbox;
@picocli.CommandLine.Command(name = "sandbox")
public final class SandboxCommand implements java.util.concurrent.Callable<Integer> {
    public Integer call() { return 1; }
}
