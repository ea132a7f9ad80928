package org.channelbridge.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge's configuration in layers: the built-in defaults (the shipped {@code config/application.properties},
 * packed into the jar), then each properties file given (later files win), then the environment. A file therefore
 * holds only what it changes. {@code ${NAME:default}} in a value takes the environment variable NAME when it is set;
 * a key whose built-in default reads {@code ${NAME:...}} takes NAME from the environment whatever a file says.
 */
public final class ConfigFile {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private static final Pattern WHOLE_ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?}");
    private static final String DEFAULTS = "/org/channelbridge/defaults/application.properties";

    private ConfigFile() {
    }

    /** One file over the built-in defaults, under the environment. */
    public static Properties load(Path file, Map<String, String> environment) {
        return load(List.of(file), environment);
    }

    /** The built-in defaults, then {@code files} in order, then the environment. */
    public static Properties load(List<Path> files, Map<String, String> environment) {
        Properties defaults = defaults();
        Map<String, String> raw = new LinkedHashMap<>();
        defaults.stringPropertyNames().forEach(key -> raw.put(key, defaults.getProperty(key)));
        for (Path file : files) {
            Properties layer = read(file);
            layer.stringPropertyNames().forEach(key -> raw.put(key, layer.getProperty(key)));
        }
        Properties resolved = new Properties();
        raw.forEach((key, value) -> {
            String variable = environmentNameOf(defaults.getProperty(key));
            String fromEnv = variable == null ? null : environment.get(variable);
            resolved.setProperty(key, fromEnv != null ? fromEnv.trim() : resolve(key, value, environment));
        });
        return resolved;
    }

    /** The built-in defaults as written (with their {@code ${NAME:default}} references). */
    public static Properties defaults() {
        Properties defaults = new Properties();
        try (InputStream in = ConfigFile.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("The built-in defaults " + DEFAULTS + " are missing from the jar.");
            }
            defaults.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("The built-in defaults cannot be read: " + e.getMessage(), e);
        }
        return defaults;
    }

    /** The environment variable a built-in default takes its value from, or null. */
    static String environmentNameOf(String defaultValue) {
        if (defaultValue == null) {
            return null;
        }
        Matcher m = WHOLE_ENV_REFERENCE.matcher(defaultValue.trim());
        return m.matches() ? m.group(1) : null;
    }

    private static Properties read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("The configuration file " + file.toAbsolutePath()
                    + " does not exist; pass --config PATH or run from the folder that holds config/.");
        }
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("The configuration file " + file.toAbsolutePath()
                    + " cannot be read: " + e.getMessage());
        }
        return raw;
    }

    static String resolve(String key, String value, Map<String, String> environment) {
        Matcher m = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String fromEnv = environment.get(m.group(1));
            String replacement;
            if (fromEnv != null) {
                replacement = fromEnv;
            } else if (m.group(2) != null) {
                replacement = m.group(2);
            } else {
                throw new ConfigurationException("The setting " + key + " needs the environment variable "
                        + m.group(1) + ", which is not set.");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().trim();
    }
}
