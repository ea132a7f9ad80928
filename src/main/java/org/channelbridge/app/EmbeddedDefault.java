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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * With no ChannelAdvisor credentials configured, the bridge starts the sandbox in-process and points every
 * ChannelAdvisor setting at it, so that a newcomer sees all flows work on the first run. The sandbox starts on a
 * thread of its own while the bridge opens and migrates System2 (start-up time: the two do not wait for each other);
 * {@link #awaitStarted} joins it before anything calls ChannelAdvisor.
 */
final class EmbeddedDefault implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDefault.class);

    private final Properties properties;
    private final SandboxSettings sandboxSettings;
    private final CompletableFuture<Sandbox> starting;
    private Sandbox sandbox;

    private EmbeddedDefault(Properties properties, SandboxSettings sandboxSettings,
                            CompletableFuture<Sandbox> starting) {
        this.properties = properties;
        this.sandboxSettings = sandboxSettings;
        this.starting = starting;
    }

    /** Starts the embedded sandbox in the background when it is the default (its ports checked first, at once). */
    static EmbeddedDefault startIfNeeded(BridgeSettings settings) {
        if (!settings.usesEmbeddedSandbox()) {
            return none();
        }
        Properties properties = settings.properties();
        SandboxSettings sandboxSettings = SandboxSettings.fromProperties(properties);
        PortCheck.free(sandboxSettings.host, sandboxSettings.httpPort, "The embedded sandbox's port",
                "sandbox.port (SANDBOX_PORT; 0 picks a free one)");
        PortCheck.free(sandboxSettings.host, sandboxSettings.ftpPort, "The embedded sandbox's FTP port",
                "sandbox.ftp-port (SANDBOX_FTP_PORT; 0 picks a free one)");
        CompletableFuture<Sandbox> starting = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                starting.complete(Sandbox.start(sandboxSettings));
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        }, "embedded-sandbox-start");
        starter.setDaemon(true);
        starter.start();
        // what does not hang on the sandbox's ports is set at once (System2's migration needs the profile id)
        SandboxSettings.Application application = sandboxSettings.primaryApplication();
        properties.setProperty("channeladvisor.application-id", application.id());
        properties.setProperty("channeladvisor.shared-secret", application.secret());
        properties.setProperty("channeladvisor.refresh-token", application.refreshToken());
        properties.setProperty("channeladvisor.profile-id", String.valueOf(sandboxSettings.profileId));
        properties.setProperty("channeladvisor.ftp-user", sandboxSettings.ftpUser);
        properties.setProperty("channeladvisor.ftp-password", sandboxSettings.ftpPassword);
        profilesInSandbox(properties, sandboxSettings);
        return new EmbeddedDefault(properties, sandboxSettings, starting);
    }

    /**
     * Waits until the sandbox started by {@link #startIfNeeded} listens, and points every ChannelAdvisor setting at
     * it. Nothing to wait for when ChannelAdvisor is a real one.
     */
    EmbeddedDefault awaitStarted() {
        if (starting == null || sandbox != null) {
            return this;
        }
        try {
            sandbox = starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
        properties.setProperty("channeladvisor.api-url", sandbox.baseUrl());
        properties.setProperty("channeladvisor.ftp-url", "ftp://127.0.0.1:" + sandbox.ftpPort());
        if (properties.getProperty("products.bulk.status-url", "").isBlank()) {
            // only here, against its own sandbox, does the bridge read a /sandbox/ URL: the FTP inbox's status
            properties.setProperty("products.bulk.status-url", sandbox.baseUrl() + "/sandbox/ftp");
        }
        LOG.info("No ChannelAdvisor application id is configured: using the embedded sandbox at {} (FTP port {})",
                sandbox.baseUrl(), sandbox.ftpPort());
        return this;
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
        return new EmbeddedDefault(null, null, null);
    }

    /** Whether the embedded sandbox runs (or is starting): the demo System2 goes with it. */
    boolean isRunning() {
        return starting != null;
    }

    /** Stops the sandbox, once it has started when it was still starting. */
    @Override
    public void close() {
        if (starting == null) {
            return;
        }
        try {
            starting.join().close();
        } catch (CompletionException e) {
            // it never started: nothing to stop (awaitStarted reported why, or the start-up failed before it)
        }
    }
}
