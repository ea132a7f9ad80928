package org.channelbridge.config;

import org.quartz.CronExpression;

import java.net.URI;
import java.text.ParseException;
import java.util.List;
import org.channelbridge.flow.products.QuantityUpdateType;
import java.util.Locale;
import java.util.Properties;

/**
 * The settings the command line itself needs, read and checked once at start-up. A wrong or missing value stops
 * the bridge with one sentence naming the key. Everything else in the file goes to Camel as placeholders.
 */
public final class BridgeSettings {

    public enum SandboxMode { AUTO, ON, OFF }

    private final Properties properties;

    private BridgeSettings(Properties properties) {
        this.properties = properties;
    }

    public static BridgeSettings check(Properties properties) {
        BridgeSettings settings = new BridgeSettings(properties);
        settings.validate();
        return settings;
    }

    private void validate() {
        String kind = system2Kind();
        if (!kind.equals("jdbc") && !kind.equals("file")) {
            throw new ConfigurationException("system2.kind must be 'jdbc' or 'file', not '" + kind + "'.");
        }
        required("system2.jdbc.url");
        jdbcUrl("system2.jdbc.url");
        typedLikeTheirDefaults();
        for (String key : properties.stringPropertyNames()) {
            if (key.endsWith(".cron") || key.endsWith("-cron")) {
                cron(key);
            }
        }
        oneOf("products.bulk.confirm", "auto", "upload", "status-url");
        oneOf("products.bulk.transport", "ftp", "product-upload");
        try {
            QuantityUpdateType.named(get("products.quantity-update-type"));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        positiveInt("system2.jdbc.pool-size", 10);
        positiveInt("channeladvisor.requests-per-minute", 1900);
        int concurrent = positiveInt("channeladvisor.max-concurrent", 4);
        if (concurrent > 5) {
            throw new ConfigurationException("channeladvisor.max-concurrent is " + concurrent
                    + ", but ChannelAdvisor allows at most 5 concurrent requests per application.");
        }
        cluster();
        sandboxMode();
        Profiles profiles = profiles();
        if (!usesEmbeddedSandbox()) {
            if (!profiles.listed()) {
                url("channeladvisor.api-url");
                required("channeladvisor.shared-secret");
                required("channeladvisor.refresh-token");
                long profile = positiveLong("channeladvisor.profile-id");
                if (profile <= 0) {
                    throw new ConfigurationException("channeladvisor.profile-id must be a positive number.");
                }
            }
            for (ProfileSettings profile : profiles.listed() ? profiles.all() : List.<ProfileSettings>of()) {
                for (String own : List.of("api-url", "application-id", "shared-secret", "refresh-token")) {
                    if (profile.get(Profiles.OWN_KEYS.get(own)).isEmpty()) {
                        throw new ConfigurationException(Profiles.PREFIX + profile.name() + "." + own + " is required"
                                + " but empty, and so is its default for all, " + Profiles.OWN_KEYS.get(own) + ".");
                    }
                }
                String apiUrl = profile.get("channeladvisor.api-url");
                if (!apiUrl.matches("https?://[^/\\s]+.*")) {
                    throw new ConfigurationException("channeladvisor.api-url of profile " + profile.name()
                            + " must be an absolute URL such as https://api.channeladvisor.com, not '" + apiUrl + "'.");
                }
            }
        }
    }

    /** The ChannelAdvisor profiles the bridge serves (one, {@code default}, unless channeladvisor.profiles lists some). */
    public Profiles profiles() {
        return Profiles.of(properties);
    }

    public Properties properties() {
        return properties;
    }

    public String get(String key) {
        return properties.getProperty(key, "").trim();
    }

    public String get(String key, String fallback) {
        String value = get(key);
        return value.isEmpty() ? fallback : value;
    }

    public String system2Kind() {
        return get("system2.kind", "jdbc").toLowerCase(Locale.ROOT);
    }

    public SandboxMode sandboxMode() {
        String value = get("sandbox.enabled", "auto").toLowerCase(Locale.ROOT);
        switch (value) {
            case "auto": return SandboxMode.AUTO;
            case "true": return SandboxMode.ON;
            case "false": return SandboxMode.OFF;
            default:
                throw new ConfigurationException("sandbox.enabled must be auto, true or false, not '" + value + "'.");
        }
    }

    /** With no application id the bridge cannot reach a real account, so it brings its own sandbox. */
    public boolean usesEmbeddedSandbox() {
        switch (sandboxMode()) {
            case ON: return true;
            case OFF:
                if (get("channeladvisor.application-id").isEmpty() && !aProfileHasItsOwnApplication()) {
                    throw new ConfigurationException("channeladvisor.application-id (CA_APPLICATION_ID) is empty "
                            + "and sandbox.enabled=false: set the application id of your ChannelAdvisor integration.");
                }
                return false;
            default: return get("channeladvisor.application-id").isEmpty() && !aProfileHasItsOwnApplication();
        }
    }

    /** A listed profile with an application id of its own means a real account, even with no default for all. */
    private boolean aProfileHasItsOwnApplication() {
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(Profiles.PREFIX) && key.endsWith(".application-id") && !get(key).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    public int getInt(String key, int fallback) {
        String value = get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " must be a whole number, not '" + value + "'.");
        }
    }

    private void required(String key) {
        if (get(key).isEmpty()) {
            throw new ConfigurationException(key + " is required but empty" + requiredHint(key) + ".");
        }
    }

    private int positiveInt(String key, int fallback) {
        int value = getInt(key, fallback);
        if (value <= 0) {
            throw new ConfigurationException(key + " must be greater than 0, not " + value + ".");
        }
        return value;
    }

    private long positiveLong(String key) {
        required(key);
        try {
            return Long.parseLong(get(key));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " must be a number, not '" + get(key) + "'.");
        }
    }

    private void url(String key) {
        required(key);
        try {
            URI uri = URI.create(get(key));
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + " must be an absolute URL such as https://api.channeladvisor.com, not '"
                    + get(key) + "'.");
        }
    }

    /** The databases the bridge has drivers and migrations for. */
    private void jdbcUrl(String key) {
        String url = get(key);
        if (!(url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:mariadb:")
                || url.startsWith("jdbc:mysql:"))) {
            String shown = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
            throw new ConfigurationException(key + " must be an H2, PostgreSQL or MariaDB JDBC URL (jdbc:h2:...,"
                    + " jdbc:postgresql://host/db, jdbc:mariadb://host/db), not '" + shown + "'" + envHint(key) + ".");
        }
    }

    /**
     * A key whose built-in default is a whole number or true/false takes only the same kind of value, so that a typo
     * is told by its key at start-up rather than by a route that fails to start.
     */
    private void typedLikeTheirDefaults() {
        Properties builtIn = ConfigFile.builtIn();
        for (String key : builtIn.stringPropertyNames()) {
            String shipped = builtIn.getProperty(key);
            String value = get(key);
            if (value.isEmpty() || shipped.isEmpty()) {
                continue;
            }
            if (shipped.matches("-?\\d+") && !value.matches("-?\\d+")) {
                throw new ConfigurationException(key + " must be a whole number, not '" + value + "'" + envHint(key)
                        + ".");
            }
            if ((shipped.equals("true") || shipped.equals("false"))
                    && !(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
                throw new ConfigurationException(key + " must be true or false, not '" + value + "'" + envHint(key)
                        + ".");
            }
        }
    }

    private void cron(String key) {
        String value = get(key);
        try {
            CronExpression.validateExpression(value);
        } catch (ParseException e) {
            throw new ConfigurationException(key + " must be a Quartz cron expression (seconds minutes hours"
                    + " day-of-month month day-of-week, e.g. 0 0/5 * * * ?), not '" + value + "'" + envHint(key) + ".");
        }
    }

    /** The engine of several instances and the one setting it cannot do without. */
    private void cluster() {
        oneOf("cluster.kind", "none", "file", "zookeeper", "kubernetes");
        switch (get("cluster.kind", "none")) {
            case "file" -> {
                if (get("cluster.file.root").isBlank()) {
                    throw new ConfigurationException("cluster.file.root (CLUSTER_FILE_ROOT) is required with"
                            + " cluster.kind=file: the folder every instance shares for its lock file.");
                }
            }
            case "zookeeper" -> {
                String nodes = get("cluster.zookeeper.nodes");
                if (nodes.isBlank()) {
                    throw new ConfigurationException("cluster.zookeeper.nodes (CLUSTER_ZOOKEEPER_NODES) is required"
                            + " with cluster.kind=zookeeper, as host:port[,host:port...].");
                }
                for (String node : nodes.split(",")) {
                    if (!node.strip().matches("[^:\\s]+:\\d{1,5}")) {
                        throw new ConfigurationException("cluster.zookeeper.nodes must list host:port pairs separated"
                                + " by commas, not '" + nodes + "' (CLUSTER_ZOOKEEPER_NODES).");
                    }
                }
                if (!get("cluster.zookeeper.base-path").startsWith("/")) {
                    throw new ConfigurationException("cluster.zookeeper.base-path must start with '/', not '"
                            + get("cluster.zookeeper.base-path") + "' (CLUSTER_ZOOKEEPER_BASE_PATH).");
                }
            }
            case "kubernetes" -> {
                String lease = get("cluster.kubernetes.lease-name");
                if (!lease.matches("[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?")) {
                    throw new ConfigurationException("cluster.kubernetes.lease-name must be a Kubernetes name of"
                            + " at most 42 lower-case letters, digits and '-', not '" + lease
                            + "' (CLUSTER_KUBERNETES_LEASE_NAME).");
                }
                if (!get("cluster.kubernetes.master-url").isBlank()) {
                    url("cluster.kubernetes.master-url");
                }
            }
            default -> {
            }
        }
    }

    private void oneOf(String key, String... allowed) {
        String value = get(key);
        if (!value.isEmpty() && !List.of(allowed).contains(value)) {
            throw new ConfigurationException(key + " must be " + String.join(" or ", allowed) + ", not '" + value + "'"
                    + envHint(key) + ".");
        }
    }

    /** " (NAME)" for a key the built-in defaults take from the environment variable NAME. */
    private static String envHint(String key) {
        String variable = ConfigFile.environmentVariableOf(key);
        return variable == null ? "" : " (" + variable + ")";
    }

    private static String requiredHint(String key) {
        switch (key) {
            case "channeladvisor.shared-secret": return " (set CA_SHARED_SECRET)";
            case "channeladvisor.refresh-token": return " (set CA_REFRESH_TOKEN)";
            case "channeladvisor.profile-id": return " (set CA_PROFILE_ID)";
            case "system2.jdbc.url": return " (set SYSTEM2_JDBC_URL)";
            default: return "";
        }
    }
}
