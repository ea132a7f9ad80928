package org.channelbridge.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keys under the bridge's own prefixes (products., orders., sandbox. ...) that the bridge does not know: a typo such
 * as {@code prodcuts.cron} would otherwise leave the default in force without a word. Each is a warning naming the
 * nearest known key; with {@code strict-config=true} the first is a configuration error. Keys under other prefixes
 * are the integrator's own placeholders for their routes and are left alone; {@code camel.*} is Camel's to check.
 */
public final class UnknownSettings {

    private static final Logger LOG = LoggerFactory.getLogger(UnknownSettings.class);

    /** Prefixes the bridge owns beyond those of its built-in defaults (keys other parts of the bridge may read). */
    private static final Set<String> OWN_PREFIXES = Set.of("channeladvisor", "system2", "products", "orders", "acks",
            "shipments", "refunds", "sandbox", "demo", "housekeeping", "routes", "flows", "ops", "reconcile",
            "management", "cluster", "strict-config");

    /** Keys the bridge reads that have no line in the built-in defaults. */
    private static final Set<String> EXTRA_KEYS = Set.of("strict-config", "demo.enabled",
            "flows.scheduled", "system2.file.enabled");

    /** Families whose last part is free (one key per System2 reason code, per flow, per mapped column or field). */
    private static final List<String> FAMILIES = List.of("refunds.reason.", "ops.backlog.", "orders.map.",
            "shipments.map.");

    private final Set<String> known = new TreeSet<>();
    private final Set<String> prefixes = new TreeSet<>(OWN_PREFIXES);

    /** {@code moreKnown}: keys other parts of the program read (the embedded sandbox's). */
    public UnknownSettings(Collection<String> moreKnown) {
        known.addAll(ConfigFile.defaults().stringPropertyNames());
        known.addAll(EXTRA_KEYS);
        known.addAll(moreKnown);
        for (String key : known) {
            if (!key.startsWith("camel.")) {
                prefixes.add(firstPart(key));
            }
        }
    }

    /**
     * The warnings for {@code properties}, each already logged; a configuration error instead with
     * {@code strict-config=true}.
     */
    public List<String> check(Properties properties) {
        boolean strict = Boolean.parseBoolean(properties.getProperty("strict-config", "false").trim());
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!isOwn(key) || known.contains(key) || FAMILIES.stream().anyMatch(key::startsWith)
                    || key.startsWith(Profiles.PREFIX)) {
                // a profile's own keys are Profiles' to check, and an unknown one there stops start-up
                continue;
            }
            String sentence = key + " is not a setting of the bridge; did you mean " + nearest(key) + "?";
            if (strict) {
                throw new ConfigurationException(sentence + " (strict-config=true makes an unknown key an error)");
            }
            LOG.warn("{} It is ignored (strict-config=true makes this an error).", sentence);
            warnings.add(sentence);
        }
        return warnings;
    }

    private boolean isOwn(String key) {
        String first = firstPart(key);
        if (first.equals("camel")) {
            return false;
        }
        return prefixes.stream().anyMatch(prefix -> prefix.equals(first) || Levenshtein.distance(prefix, first) <= 2);
    }

    private String nearest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = Levenshtein.distance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static String firstPart(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** The number of single-character edits between two words. */
    static final class Levenshtein {
        private Levenshtein() {
        }

        static int distance(String a, String b) {
            int[] previous = new int[b.length() + 1];
            int[] current = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                previous[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                current[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
                }
                int[] swap = previous;
                previous = current;
                current = swap;
            }
            return previous[b.length()];
        }
    }
}
