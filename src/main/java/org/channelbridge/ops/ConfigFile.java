package org.channelbridge.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the bridge's properties file and resolves {@code ${NAME:default}} from the environment, so that a
 * deployment overrides anything (and supplies every secret) without editing the file.
 */
public final class ConfigFile {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

    private ConfigFile() {
    }

    public static Properties load(Path file, Map<String, String> environment) {
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
        Properties resolved = new Properties();
        for (String key : raw.stringPropertyNames()) {
            resolved.setProperty(key, resolve(key, raw.getProperty(key), environment));
        }
        return resolved;
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
