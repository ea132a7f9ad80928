package org.channelbridge.sandbox;
public final class Sandbox implements AutoCloseable {
    public static Sandbox start(SandboxSettings s) { return new Sandbox(); }
    public String baseUrl() { return "http://127.0.0.1:1"; }
    public int ftpPort() { return 1; }
    public void close() { }
}
