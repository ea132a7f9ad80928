package org.channelbridge.config;

import org.channelbridge.flow.products.QuantityUpdateType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The ChannelAdvisor profiles (accounts) the bridge serves. {@code channeladvisor.profiles=us,uk} names them; each
 * sets its own keys as {@code channeladvisor.profile.<name>.<key>} (the keys of {@link #OWN_KEYS}), and a key without
 * the profile prefix is the default for all. Without {@code channeladvisor.profiles} the single-profile keys make one
 * profile, named {@code default}, exactly as before profiles existed. The first profile is the one the routes that
 * name no profile work for.
 */
public final class Profiles implements Iterable<ProfileSettings> {

    public static final String LIST_KEY = "channeladvisor.profiles";
    public static final String PREFIX = "channeladvisor.profile.";
    public static final String DEFAULT_NAME = "default";

    /** What a profile may set for itself: the key after {@code channeladvisor.profile.<name>.} → the key it overrides. */
    public static final Map<String, String> OWN_KEYS;

    static {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String key : List.of("profile-id", "api-url", "application-id", "shared-secret", "refresh-token",
                "ftp-url", "ftp-user", "ftp-password", "requests-per-minute", "max-concurrent")) {
            keys.put(key, "channeladvisor." + key);
        }
        keys.put("distribution-center-id", "products.distribution-center-id");
        keys.put("quantity-update-type", "products.quantity-update-type");
        keys.put("upload-template", "products.bulk.upload-template");
        OWN_KEYS = Collections.unmodifiableMap(keys);
    }

    private static final String PROFILE_ID = "channeladvisor.profile-id";

    private final List<ProfileSettings> profiles;
    private final boolean listed;

    private Profiles(List<ProfileSettings> profiles, boolean listed) {
        this.profiles = List.copyOf(profiles);
        this.listed = listed;
    }

    /**
     * The profiles of a configuration, checked: every listed profile has a profile id of its own (or the one default
     * for all, taken by one profile only), no two share one, and no profile key is unknown. Each mistake is one
     * sentence naming its key.
     */
    public static Profiles of(Properties properties) {
        List<String> names = names(properties);
        unknownKeys(properties, names);
        if (names.isEmpty()) {
            // the single-profile keys are checked as they always were (BridgeSettings), by the same sentences
            return new Profiles(List.of(new ProfileSettings(DEFAULT_NAME,
                    leniently(properties.getProperty(PROFILE_ID, "")), properties, false)), false);
        }
        List<ProfileSettings> profiles = new ArrayList<>();
        Map<Long, String> byId = new LinkedHashMap<>();
        for (String name : names) {
            Properties view = new Properties();
            view.putAll(properties);
            for (Map.Entry<String, String> own : OWN_KEYS.entrySet()) {
                String value = properties.getProperty(PREFIX + name + "." + own.getKey());
                if (value != null && !value.isBlank()) {
                    view.setProperty(own.getValue(), value.trim());
                }
            }
            String idKey = ownKey(properties, name, "profile-id");
            String idText = view.getProperty(PROFILE_ID, "").trim();
            if (idText.isEmpty()) {
                throw new ConfigurationException(PREFIX + name + ".profile-id is required: each profile of "
                        + LIST_KEY + " needs its ChannelAdvisor profile id.");
            }
            long id = idOrZero(idText, idKey);
            String twin = byId.putIfAbsent(id, name);
            if (twin != null) {
                throw new ConfigurationException("The profiles " + twin + " and " + name + " both have profile id "
                        + id + "; give each its own " + PREFIX + "<name>.profile-id.");
            }
            typed(view, name);
            profiles.add(new ProfileSettings(name, id, view, true));
        }
        return new Profiles(profiles, true);
    }

    /** True when {@code channeladvisor.profiles} lists the profiles (even one). */
    public boolean listed() {
        return listed;
    }

    /** True when there is more than one profile: then what is shown names each one's profile. */
    public boolean several() {
        return profiles.size() > 1;
    }

    /** The first profile: the one the routes that name no profile work for. */
    public ProfileSettings first() {
        return profiles.get(0);
    }

    public List<ProfileSettings> all() {
        return profiles;
    }

    public int size() {
        return profiles.size();
    }

    public List<String> names() {
        return profiles.stream().map(ProfileSettings::name).toList();
    }

    public Optional<ProfileSettings> named(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The profile with this ChannelAdvisor profile id, if the bridge serves it. */
    public Optional<ProfileSettings> withId(long profileId) {
        return profiles.stream().filter(p -> p.profileId() == profileId).findFirst();
    }

    /**
     * What a command covers: every profile when {@code name} is null, else the one named; an unknown name is a
     * configuration error naming the profiles there are.
     */
    public List<ProfileSettings> select(String name) {
        if (name == null) {
            return profiles;
        }
        return named(name).map(List::of).orElseThrow(() -> new ConfigurationException("There is no profile '"
                + shown(name) + "'; the profiles are " + String.join(", ", names()) + "."));
    }

    /** How a stored profile id is shown: the profile's name and id, or the id alone when no profile has it. */
    public String label(long profileId) {
        return withId(profileId).map(p -> p.name() + " (" + profileId + ")").orElse(String.valueOf(profileId));
    }

    @Override
    public Iterator<ProfileSettings> iterator() {
        return profiles.iterator();
    }

    private static List<String> names(Properties properties) {
        String list = properties.getProperty(LIST_KEY, "").trim();
        List<String> names = new ArrayList<>();
        if (list.isEmpty()) {
            return names;
        }
        for (String part : list.split(",")) {
            String name = part.trim();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,39}")) {
                throw new ConfigurationException(LIST_KEY + " must list profile names (letters, digits, '-' and '_')"
                        + " separated by commas, not '" + list + "'.");
            }
            if (names.contains(name)) {
                throw new ConfigurationException(LIST_KEY + " names the profile " + name + " twice.");
            }
            names.add(name);
        }
        return names;
    }

    /** A key under {@code channeladvisor.profile.} must name a listed profile and one of {@link #OWN_KEYS}. */
    private static void unknownKeys(Properties properties, List<String> names) {
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String own = dot < 0 ? "" : rest.substring(dot + 1);
            if (!names.contains(name)) {
                throw new ConfigurationException(shown(key) + " is set, but " + LIST_KEY + " does not list a profile "
                        + shown(name) + (names.isEmpty() ? " (it is empty)" : " (it lists " + String.join(", ", names)
                        + ")") + ".");
            }
            if (!OWN_KEYS.containsKey(own)) {
                throw new ConfigurationException(shown(key) + " is not a setting of a profile; a profile takes "
                        + String.join(", ", OWN_KEYS.keySet()) + ".");
            }
        }
    }

    /** The profile's own values that have a type are checked as the defaults they stand for. */
    private static void typed(Properties view, String name) {
        for (String own : List.of("requests-per-minute", "max-concurrent", "distribution-center-id")) {
            String key = OWN_KEYS.get(own);
            String value = view.getProperty(key, "").trim();
            if (value.isEmpty()) {
                continue;
            }
            int number;
            try {
                number = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new ConfigurationException(key + " of profile " + name + " (" + PREFIX + name + "." + own
                        + ") must be a whole number, not '" + value + "'.");
            }
            if (!own.equals("distribution-center-id") && number <= 0) {
                throw new ConfigurationException(key + " of profile " + name + " (" + PREFIX + name + "." + own
                        + ") must be greater than 0, not " + number + ".");
            }
            if (own.equals("max-concurrent") && number > 5) {
                throw new ConfigurationException(key + " of profile " + name + " is " + number
                        + ", but ChannelAdvisor allows at most 5 concurrent requests per application.");
            }
        }
        try {
            QuantityUpdateType.named(view.getProperty(OWN_KEYS.get("quantity-update-type")));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Profile " + name + ": " + e.getMessage());
        }
    }

    /** The profile's own key when it is set, else the default key (the one a wrong value came from). */
    private static String ownKey(Properties properties, String name, String own) {
        String key = PREFIX + name + "." + own;
        return properties.getProperty(key, "").isBlank() ? OWN_KEYS.get(own) : key;
    }

    private static long leniently(String text) {
        try {
            return Math.max(0, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long idOrZero(String text, String key) {
        String value = text.trim();
        if (value.isEmpty()) {
            return 0;
        }
        long id;
        try {
            id = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " must be a ChannelAdvisor profile id (a positive number), not '"
                    + shown(value) + "'.");
        }
        if (id <= 0) {
            throw new ConfigurationException(key + " must be a positive number, not " + id + ".");
        }
        return id;
    }

    private static String shown(String text) {
        String plain = text.replaceAll("\\p{Cntrl}", "?");
        return plain.length() > 60 ? plain.substring(0, 60) + "..." : plain;
    }
}
