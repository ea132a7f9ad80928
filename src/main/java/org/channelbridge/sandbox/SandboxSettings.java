package org.channelbridge.sandbox;
public final class SandboxSettings {
    public static SandboxSettings fromProperties(java.util.Properties p) { return new SandboxSettings(); }
    public String applicationId() { return "sandbox-app"; }
    public String sharedSecret() { return "sandbox-secret"; }
    public String refreshToken() { return "sandbox-refresh-token"; }
    public long profileId() { return 12345; }
    public String ftpUser() { return "sandbox"; }
    public String ftpPassword() { return "sandbox"; }
}
