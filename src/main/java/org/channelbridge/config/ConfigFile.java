package org.channelbridge.config;

import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesFunction;
import org.apache.camel.spi.PropertiesSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The bridge's configuration in layers: the built-in defaults (the shipped {@code config/application.properties},
 * packed into the jar), then each properties file given (later files win), then the environment. A file therefore
 * holds only what it changes.
 * <p>
 * Values are Camel property placeholders, resolved by Camel's {@link PropertiesComponent} over the layers before
 * anything starts, so that the settings the command line checks are the values the routes get:
 * {@code {{env:NAME:default}}} takes the environment variable NAME when it is set and the default otherwise,
 * {@code {{other.key}}} the value of another key. A key whose built-in default reads {@code {{env:NAME...}}} takes
 * NAME from the environment whatever a file says. An empty {@code routes.dir} is the {@code routes/} folder beside the
 * folder of the last file given ({@code config/../routes}), or {@code ./routes} when no file is given.
 */
public final class ConfigFile {

    private static final String DEFAULTS = "/org/channelbridge/defaults/application.properties";
    private static final String ROUTES_DIR = "routes.dir";
    private static final String ENV_PREFIX = "{{env:";

    private static volatile Properties builtIn;

    private ConfigFile() {
    }

    /** One file over the built-in defaults, under the environment. */
    public static Properties load(Path file, Map<String, String> environment) {
        return load(List.of(file), environment);
    }

    /** The built-in defaults, then {@code files} in order, then the environment; every placeholder resolved. */
    public static Properties load(List<Path> files, Map<String, String> environment) {
        Properties defaults = defaults();
        Properties layered = new Properties();
        layered.putAll(defaults);
        for (Path file : files) {
            layered.putAll(read(file));
        }
        for (String key : defaults.stringPropertyNames()) {
            String variable = environmentNameOf(defaults.getProperty(key));
            if (variable != null && environment.containsKey(variable)) {
                // the environment wins over every file: the built-in default's reference decides
                layered.setProperty(key, defaults.getProperty(key));
            }
        }
        if (layered.getProperty(ROUTES_DIR, "").isBlank()) {
            Path config = files.isEmpty() ? Path.of("config", "application.properties") : files.get(files.size() - 1);
            Path folder = config.toAbsolutePath().normalize().getParent();
            Path base = folder.getParent() == null ? folder : folder.getParent();
            layered.setProperty(ROUTES_DIR, base.resolve("routes").toString());
        }
        return resolved(layered, environment);
    }

    /** The built-in defaults as written (with their {@code {{env:NAME:default}}} placeholders). */
    public static Properties defaults() {
        Properties defaults = new Properties();
        try (InputStream in = ConfigFile.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("The built-in defaults " + DEFAULTS + " are missing from the jar.");
            }
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("The built-in defaults cannot be read: " + e.getMessage(), e);
        }
        return defaults;
    }

    /** The values the built-in defaults give when no file and no environment variable changes them. */
    public static Properties builtIn() {
        Properties values = builtIn;
        if (values == null) {
            values = load(List.of(), Map.of());
            builtIn = values;
        }
        return values;
    }

    /** The environment variable the built-in default of {@code key} takes its value from, or null. */
    public static String environmentVariableOf(String key) {
        return environmentNameOf(defaults().getProperty(key));
    }

    /** NAME of a value that is one placeholder {@code {{env:NAME}}} or {@code {{env:NAME:default}}}, else null. */
    static String environmentNameOf(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (!text.startsWith(ENV_PREFIX) || !text.endsWith("}}") || text.indexOf("{{", 1) >= 0) {
            return null;
        }
        String reference = text.substring(ENV_PREFIX.length(), text.length() - 2);
        int colon = reference.indexOf(':');
        return colon < 0 ? reference : reference.substring(0, colon);
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

    /** Every value with its placeholders resolved by a Camel PropertiesComponent of its own over the layers. */
    private static Properties resolved(Properties layered, Map<String, String> environment) {
        PropertiesComponent placeholders = new PropertiesComponent();
        placeholders.setCamelContext(new DefaultCamelContext(false));
        // only the layers and the environment functions count, not Camel's own guesses from key names
        placeholders.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
        placeholders.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);
        placeholders.addPropertiesSource(new Layers(layered));
        placeholders.addPropertiesFunction(new Environment(environment));
        Properties resolved = new Properties();
        try {
            placeholders.start();
            for (String key : layered.stringPropertyNames()) {
                String value = layered.getProperty(key);
                resolved.setProperty(key, value.contains("{{") ? resolve(placeholders, key, value) : value.strip());
            }
        } finally {
            placeholders.stop();
        }
        return resolved;
    }

    private static String resolve(PropertiesComponent placeholders, String key, String value) {
        try {
            return placeholders.parseUri(value).strip();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UnsetVariable unset) {
                    throw new ConfigurationException("The setting " + key + " needs the environment variable "
                            + unset.variable + ", which is not set.");
                }
            }
            // Camel's message goes on with the whole value, which may hold a secret: only its reason is told
            String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
            for (String valueFollows : List.of(" in properties from text", " from text:", " from input:")) {
                int at = reason.indexOf(valueFollows);
                reason = at < 0 ? reason : reason.substring(0, at);
            }
            throw new ConfigurationException("The setting " + key + " cannot be resolved: "
                    + (reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason) + ".");
        }
    }

    /** The layered keys as a source of Camel's properties component. */
    private record Layers(Properties layered) implements PropertiesSource {
        @Override
        public String getName() {
            return "configuration layers";
        }

        @Override
        public String getProperty(String name) {
            return layered.getProperty(name);
        }
    }

    /**
     * Camel's {@code env} function ({@code {{env:NAME}}}, {@code {{env:NAME:default}}}) over a given environment, so
     * that the layering reads the same variables it checks for precedence.
     */
    private record Environment(Map<String, String> variables) implements PropertiesFunction {
        @Override
        public String getName() {
            return "env";
        }

        @Override
        public String apply(String remainder) {
            int colon = remainder.indexOf(':');
            String name = colon < 0 ? remainder : remainder.substring(0, colon);
            String value = variables.get(name);
            if (value != null) {
                return value;
            }
            if (colon < 0) {
                throw new UnsetVariable(name);
            }
            return remainder.substring(colon + 1);
        }
    }

    private static final class UnsetVariable extends RuntimeException {
        private final String variable;

        UnsetVariable(String variable) {
            super("The environment variable " + variable + " is not set.", null, false, false);
            this.variable = variable;
        }
    }
}
