package org.channelbridge.app.management;

import org.channelbridge.config.ConfigurationException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The management server's settings ({@code management.*}) checked and handed to Camel Main as its own
 * {@code camel.management.*} and {@code camel.ssl.*} keys: loopback unless told otherwise, Camel's basic
 * authentication with a users file, optional TLS. Anywhere but loopback without a users file the bridge does not
 * start: Jolokia there would let anyone who reaches the port replay or discard dead letters.
 */
public final class ManagementSettings {

    /** The role that may run the bridge's operations; {@link #READER} may only read. */
    public static final String OPERATOR = "operator";
    public static final String READER = "reader";

    private final String host;
    private final Path usersFile;
    private final Path keystore;
    private final String keystorePassword;
    private final String keystoreType;
    private final int maxRequestKb;
    private final boolean jwt;

    private ManagementSettings(Properties p) {
        host = get(p, "management.host", "127.0.0.1");
        String users = get(p, "management.users-file", "");
        usersFile = users.isEmpty() ? null : Path.of(users).toAbsolutePath();
        String store = get(p, "management.tls.keystore", "");
        keystore = store.isEmpty() ? null : Path.of(store).toAbsolutePath();
        keystorePassword = get(p, "management.tls.keystore-password", "");
        keystoreType = get(p, "management.tls.keystore-type", "PKCS12");
        maxRequestKb = positive(p, "management.max-request-kb", 64);
        // Camel's JWT authentication, configured with its own keys, counts as authentication too
        jwt = Boolean.parseBoolean(get(p, "camel.management.authentication-enabled", "false"))
                && !get(p, "camel.management.jwt-keystore-path", "").isEmpty();
    }

    /** Reads and checks the settings; a wrong one stops the bridge with one sentence naming the key. */
    public static ManagementSettings check(Properties properties) {
        ManagementSettings settings = new ManagementSettings(properties);
        settings.validate();
        return settings;
    }

    private void validate() {
        if (usersFile != null && !Files.isReadable(usersFile)) {
            throw new ConfigurationException("management.users-file names " + usersFile
                    + ", which does not exist or cannot be read.");
        }
        if (!authenticated() && !loopback(host)) {
            throw new ConfigurationException("management.host is " + host + " but the management server has no "
                    + "authentication: set management.users-file (MANAGEMENT_USERS_FILE) or keep management.host "
                    + "at 127.0.0.1.");
        }
        if (keystore != null && !Files.isReadable(keystore)) {
            throw new ConfigurationException("management.tls.keystore names " + keystore
                    + ", which does not exist or cannot be read.");
        }
        if (keystore != null && keystorePassword.isEmpty()) {
            throw new ConfigurationException("management.tls.keystore is set but "
                    + "management.tls.keystore-password (MANAGEMENT_TLS_KEYSTORE_PASSWORD) is empty.");
        }
    }

    /** Camel Main's keys for what these settings say. */
    public Properties camelProperties() {
        Properties camel = new Properties();
        camel.setProperty("camel.management.host", host);
        if (usersFile != null) {
            camel.setProperty("camel.management.authentication-enabled", "true");
            camel.setProperty("camel.management.basic-properties-file", usersFile.toString());
        }
        if (keystore != null) {
            camel.setProperty("camel.ssl.enabled", "true");
            camel.setProperty("camel.ssl.key-store", "file:" + keystore);
            camel.setProperty("camel.ssl.keystore-password", keystorePassword);
            camel.setProperty("camel.ssl.key-store-type", keystoreType);
            camel.setProperty("camel.management.use-global-ssl-context-parameters", "true");
        }
        return camel;
    }

    public boolean authenticated() {
        return usersFile != null || jwt;
    }

    /** The users file, or null when there is none (loopback: every local caller may operate). */
    public Path usersFile() {
        return usersFile;
    }

    public long maxRequestBytes() {
        return maxRequestKb * 1024L;
    }

    static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        try {
            // only literal addresses count: a name could resolve elsewhere tomorrow
            if (!h.matches("[0-9.]+") && !h.contains(":")) {
                return false;
            }
            return InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String get(Properties p, String key, String fallback) {
        String value = p.getProperty(key, "").trim();
        return value.isEmpty() ? fallback : value;
    }

    private static int positive(Properties p, String key, int fallback) {
        String value = get(p, key, String.valueOf(fallback));
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new ConfigurationException(key + " must be a whole number greater than 0, not '" + value + "'.");
    }
}
