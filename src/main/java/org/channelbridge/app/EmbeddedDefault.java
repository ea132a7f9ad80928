package org.channelbridge.app;

import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.Profiles;
import org.channelbridge.sandbox.Sandbox;
import org.channelbridge.sandbox.SandboxSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.channelbridge.app.PortCheck;

import java.util.List;
import java.util.Properties;

/**
 * With no ChannelAdvisor credentials configured, the bridge starts the sandbox in-process and points every
 * ChannelAdvisor setting at it, so that a newcomer sees all flows work on the first run.
 */
final class EmbeddedDefault implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDefault.class);

    private final Sandbox sandbox;

    private EmbeddedDefault(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    static EmbeddedDefault startIfNeeded(BridgeSettings settings) {
        if (!settings.usesEmbeddedSandbox()) {
            return new EmbeddedDefault(null);
        }
        Properties properties = settings.properties();
        SandboxSettings sandboxSettings = SandboxSettings.fromProperties(properties);
        PortCheck.free(sandboxSettings.host, sandboxSettings.httpPort, "The embedded sandbox's port",
                "sandbox.port (SANDBOX_PORT; 0 picks a free one)");
        PortCheck.free(sandboxSettings.host, sandboxSettings.ftpPort, "The embedded sandbox's FTP port",
                "sandbox.ftp-port (SANDBOX_FTP_PORT; 0 picks a free one)");
        Sandbox sandbox = Sandbox.start(sandboxSettings);
        properties.setProperty("channeladvisor.api-url", sandbox.baseUrl());
        SandboxSettings.Application application = sandboxSettings.primaryApplication();
        properties.setProperty("channeladvisor.application-id", application.id());
        properties.setProperty("channeladvisor.shared-secret", application.secret());
        properties.setProperty("channeladvisor.refresh-token", application.refreshToken());
        properties.setProperty("channeladvisor.profile-id", String.valueOf(sandboxSettings.profileId));
        properties.setProperty("channeladvisor.ftp-url", "ftp://127.0.0.1:" + sandbox.ftpPort());
        properties.setProperty("channeladvisor.ftp-user", sandboxSettings.ftpUser);
        properties.setProperty("channeladvisor.ftp-password", sandboxSettings.ftpPassword);
        profilesInSandbox(properties, sandboxSettings);
        if (properties.getProperty("products.bulk.status-url", "").isBlank()) {
            // only here, against its own sandbox, does the bridge read a /sandbox/ URL: the FTP inbox's status
            properties.setProperty("products.bulk.status-url", sandbox.baseUrl() + "/sandbox/ftp");
        }
        LOG.info("No ChannelAdvisor application id is configured: using the embedded sandbox at {} (FTP port {})",
                sandbox.baseUrl(), sandbox.ftpPort());
        return new EmbeddedDefault(sandbox);
    }

    /**
     * For a command that does not start the sandbox: the profile id it would stand for, so that the bridge's records
     * are read as the profile a run against it wrote them.
     */
    static void nameProfileWithoutStarting(BridgeSettings settings) {
        if (!settings.usesEmbeddedSandbox()) {
            return;
        }
        Properties properties = settings.properties();
        SandboxSettings sandboxSettings = SandboxSettings.fromProperties(properties);
        properties.setProperty("channeladvisor.profile-id", String.valueOf(sandboxSettings.profileId));
        profilesInSandbox(properties, sandboxSettings);
    }

    /**
     * Each listed profile whose id the sandbox has logs in to that profile's FTP inbox (the sandbox gives each profile
     * its own login), unless it names a login of its own.
     */
    private static void profilesInSandbox(Properties properties, SandboxSettings sandboxSettings) {
        for (String name : properties.getProperty(Profiles.LIST_KEY, "").split(",")) {
            String ownUser = Profiles.PREFIX + name.strip() + ".ftp-user";
            String id = properties.getProperty(Profiles.PREFIX + name.strip() + ".profile-id", "").strip();
            if (name.isBlank() || !properties.getProperty(ownUser, "").isBlank()) {
                continue;
            }
            for (SandboxSettings.Profile profile : sandboxSettings.profiles()) {
                if (String.valueOf(profile.id()).equals(id)) {
                    properties.setProperty(ownUser, profile.ftpUser());
                }
            }
        }
    }

    /** The sandbox.* keys the embedded sandbox reads (for the check of unknown keys). */
    static List<String> settingNames() {
        return List.of("enabled", "host", "port", "ftp-port", "live-orders-per-minute", "application-id",
                        "shared-secret", "refresh-token", "profile-id", "profile-ids", "ftp-user", "ftp-users",
                        "ftp-password",
                        "requests-per-minute", "requests-per-minute-per-ip", "max-concurrent", "order-page-size",
                        "product-page-size", "latency-ms", "jitter-ms", "ftp-pickup-delay-ms", "ftp-import-method",
                        "token-lifetime-seconds", "batch-part-limit", "expanded-collection-cap", "max-body-bytes",
                        "max-uri-length", "adjustment-delay-ms", "product-upload-templates",
                        "product-upload-polls", "product-upload-final-status")
                .stream().map(name -> "sandbox." + name).toList();
    }

    /** For commands that never call ChannelAdvisor (listing dead letters...). */
    static EmbeddedDefault none() {
        return new EmbeddedDefault(null);
    }

    boolean isRunning() {
        return sandbox != null;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
