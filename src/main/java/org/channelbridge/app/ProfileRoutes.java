package org.channelbridge.app;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.channelbridge.config.ProfileSettings;
import org.channelbridge.config.Profiles;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each flow runs once per ChannelAdvisor profile. The routes of a flow that act in one profile are
 * {@code routeTemplate}s with the parameters of {@link #PARAMETERS} (a profile's {@code profile}); once Camel Main has
 * loaded the route files, and again when a route file is reloaded, this makes one route of each such template per
 * profile ({@code channeladvisor.profiles}, or the one profile of the single-profile keys).
 * <p>
 * The names: the first profile's routes, {@code direct:} endpoints, quartz triggers and beans keep the plain names
 * ({@code orders-cycle}, {@code direct:orders-cycle}, {@code quartz:bridge/orders}, {@code productSync}); every other
 * profile's add {@code -<name>} ({@code orders-cycle-uk}, {@code productSync-uk}). So a bridge of one profile looks
 * exactly as it did before profiles existed.
 * <p>
 * The item routes are made by the flows' {@code templatedRoute}s of {@code item-flow} for the first profile (its
 * profile parameters default to the first profile's); this makes the other profiles' ones from them.
 */
public final class ProfileRoutes {

    /** The parameters a per-profile template takes (routes/item-flow.camel.yaml describes them). */
    static final List<String> PARAMETERS = List.of("profile", "suffix", "profileId", "scope", "firstProfileId");
    /** The bean: profile id → route suffix, for a replay of a dead letter in its own profile. */
    static final String SUFFIXES = org.channelbridge.ops.deadletter.DeadLetterReplay.SUFFIXES;

    /** The properties of each profile's FTP login: {@code bridge.profile.<name>.ftp-url}, -user, -password. */
    static final String FTP_LOGIN_PREFIX = "bridge.profile.";

    private final CamelContext context;
    private final Model model;
    private final Profiles profiles;

    private ProfileRoutes(CamelContext context, Profiles profiles) {
        this.context = context;
        this.model = context.getCamelContextExtension().getContextPlugin(Model.class);
        this.profiles = profiles;
    }

    /** The profiles of the registry's bean {@value ProfileBeans#PROFILES}; without it, the one default profile. */
    static ProfileRoutes of(CamelContext context) {
        Profiles profiles = context.getRegistry().lookupByNameAndType(ProfileBeans.PROFILES, Profiles.class);
        return new ProfileRoutes(context, profiles != null ? profiles : Profiles.of(new java.util.Properties()));
    }

    /** What a profile adds to the names of its routes, endpoints and beans: nothing for the first. */
    static String suffix(Profiles profiles, ProfileSettings profile) {
        return profile == profiles.first() ? "" : "-" + profile.name();
    }

    /**
     * The profile id the bridge's own records of a profile are kept under: 0 (none named, so the table's default)
     * with the single-profile keys, as before profiles existed.
     */
    static long scope(Profiles profiles, ProfileSettings profile) {
        return profiles.listed() ? profile.profileId() : 0;
    }

    /** Profile id → suffix, for the bean {@value #SUFFIXES}. */
    static Map<Long, String> suffixes(Profiles profiles) {
        Map<Long, String> suffixes = new LinkedHashMap<>();
        for (ProfileSettings profile : profiles) {
            suffixes.putIfAbsent(profile.profileId(), suffix(profiles, profile));
        }
        return suffixes;
    }

    /**
     * Makes every profile's routes of the route files loaded so far (Camel Main calls it once the files are loaded;
     * a test that loads route files itself calls it after them, or adds {@link #routes()} last).
     */
    public static void addAll(CamelContext context) throws Exception {
        ProfileRoutes routes = of(context);
        routes.firstProfileDefaults();
        routes.addAll();
    }

    /** The same as a routes builder, to add after the route files. */
    public static RoutesBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void addRoutesToCamelContext(CamelContext context) throws Exception {
                addAll(context);
            }

            @Override
            public void configure() {
                // nothing of its own: it makes the profiles' routes of the templates already loaded
            }
        };
    }

    /**
     * The properties the item template's profile parameters default to: the first profile's. With profiles listed,
     * {@code channeladvisor.profile-id} is the first one's.
     */
    private void firstProfileDefaults() {
        ProfileSettings first = profiles.first();
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.addOverrideProperty("bridge.first-profile.name", first.name());
        properties.addOverrideProperty("bridge.first-profile.suffix", "");
        properties.addOverrideProperty("bridge.first-profile.scope", String.valueOf(scope(profiles, first)));
        if (profiles.listed()) {
            properties.addOverrideProperty("channeladvisor.profile-id", String.valueOf(first.profileId()));
        }
        ftpLogins(properties);
    }

    /**
     * Each profile's FTP login, as its bulk routes name it ({@code {{bridge.profile.{{profile}}.ftp-user}}}): the
     * profile's own {@code channeladvisor.profile.<name>.ftp-*} keys, else the defaults for all.
     */
    private void ftpLogins(PropertiesComponent properties) {
        for (ProfileSettings profile : profiles) {
            for (String key : List.of("ftp-url", "ftp-user", "ftp-password")) {
                String value = (profiles.listed() ? properties.resolveProperty(Profiles.PREFIX + profile.name() + "."
                        + key) : Optional.<String>empty())
                        .filter(v -> !v.isBlank())
                        .or(() -> properties.resolveProperty("channeladvisor." + key)).orElse("");
                properties.addOverrideProperty(FTP_LOGIN_PREFIX + profile.name() + "." + key, value);
            }
        }
    }

    /** Makes every profile's routes of the per-profile templates, and the other profiles' item routes. */
    void addAll() throws Exception {
        add(perProfileTemplates(model.getRouteTemplateDefinitions()));
        addItemRoutes(model.getRouteDefinitions());
    }

    /** Makes every profile's route of these templates (those that take a profile). */
    void add(Collection<RouteTemplateDefinition> templates) throws Exception {
        for (RouteTemplateDefinition template : perProfileTemplates(templates)) {
            for (ProfileSettings profile : profiles) {
                refuseTaken(template.getId() + suffix(profiles, profile), template);
                TemplatedRouteBuilder.builder(context, template.getId())
                        .routeId(template.getId() + suffix(profiles, profile))
                        .parameters(parameters(profile))
                        .add();
            }
        }
    }

    /**
     * The other profiles' routes of the first profile's item routes among {@code routes} (those an item template with
     * profile defaults made).
     */
    void addItemRoutes(Collection<RouteDefinition> routes) throws Exception {
        List<RouteTemplateDefinition> itemTemplates = model.getRouteTemplateDefinitions().stream()
                .filter(t -> takesProfile(t) && !perProfile(t)).toList();
        for (RouteDefinition route : List.copyOf(routes)) {
            Map<String, Object> given = route.getTemplateParameters();
            // the first profile's: its suffix is empty, or the default that stands for it
            if (!route.isCreatedFromTemplate() || given == null || !given.containsKey("suffix")
                    || String.valueOf(given.get("suffix")).startsWith("-")) {
                continue;
            }
            Optional<RouteTemplateDefinition> template = itemTemplates.stream()
                    .filter(t -> given.keySet().containsAll(names(t))).findFirst();
            if (template.isEmpty()) {
                continue;
            }
            for (ProfileSettings profile : profiles) {
                String suffix = suffix(profiles, profile);
                if (suffix.isEmpty()) {
                    continue;
                }
                Map<String, Object> parameters = new LinkedHashMap<>(given);
                parameters.putAll(parameters(profile));
                refuseTaken(route.getRouteId() + suffix, template.get());
                TemplatedRouteBuilder.builder(context, template.get().getId())
                        .routeId(route.getRouteId() + suffix)
                        .parameters(parameters)
                        .add();
            }
        }
    }

    /**
     * A route of a file that already has the id a template's route would take stops start-up (or the reload) with one
     * sentence naming both files; Camel would otherwise replace the file's route by the template's without a word.
     */
    private void refuseTaken(String routeId, RouteTemplateDefinition template) {
        RouteDefinition taken = model.getRouteDefinition(routeId);
        if (taken != null && !taken.isCreatedFromTemplate() && taken.getResource() != null) {
            String templateFile = template.getResource() != null ? template.getResource().getLocation()
                    : "the route template " + template.getId();
            throw RouteFileException.duplicate(routeId, templateFile, taken.getResource().getLocation());
        }
    }

    /** The route ids of every profile's route of these templates. */
    List<String> routeIds(Collection<RouteTemplateDefinition> templates) {
        List<String> ids = new ArrayList<>();
        for (RouteTemplateDefinition template : perProfileTemplates(templates)) {
            for (ProfileSettings profile : profiles) {
                ids.add(template.getId() + suffix(profiles, profile));
            }
        }
        return ids;
    }

    /** The other profiles' route ids of a first profile's item route. */
    List<String> itemRouteIds(String firstRouteId) {
        List<String> ids = new ArrayList<>();
        for (ProfileSettings profile : profiles) {
            String suffix = suffix(profiles, profile);
            if (!suffix.isEmpty()) {
                ids.add(firstRouteId + suffix);
            }
        }
        return ids;
    }

    private Map<String, Object> parameters(ProfileSettings profile) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("profile", profile.name());
        parameters.put("suffix", suffix(profiles, profile));
        parameters.put("profileId", String.valueOf(idOf(profile)));
        parameters.put("scope", String.valueOf(scope(profiles, profile)));
        parameters.put("firstProfileId", String.valueOf(idOf(profiles.first())));
        return parameters;
    }

    /** The profile's id; the single profile's as Camel resolves it (the embedded sandbox fills it in at start). */
    private long idOf(ProfileSettings profile) {
        if (profile.profileId() > 0 || profiles.listed()) {
            return profile.profileId();
        }
        String resolved = context.getPropertiesComponent().resolveProperty("channeladvisor.profile-id").orElse("");
        try {
            return Long.parseLong(resolved.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static List<RouteTemplateDefinition> perProfileTemplates(Collection<RouteTemplateDefinition> templates) {
        return templates.stream().filter(ProfileRoutes::perProfile).toList();
    }

    /** A template this makes the routes of: it takes a profile, with no default. */
    private static boolean perProfile(RouteTemplateDefinition template) {
        return template.getTemplateParameters() != null && template.getTemplateParameters().stream()
                .anyMatch(p -> p.getName().equals("profile") && p.getDefaultValue() == null);
    }

    private static boolean takesProfile(RouteTemplateDefinition template) {
        return template.getTemplateParameters() != null && template.getTemplateParameters().stream()
                .anyMatch(p -> p.getName().equals("profile"));
    }

    private static Set<String> names(RouteTemplateDefinition template) {
        Set<String> names = new TreeSet<>();
        for (RouteTemplateParameterDefinition parameter : template.getTemplateParameters()) {
            names.add(parameter.getName());
        }
        return names;
    }
}
