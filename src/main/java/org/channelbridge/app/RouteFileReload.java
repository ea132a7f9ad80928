package org.channelbridge.app;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceReload;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the route watcher does with a changed, added or removed route file. Camel Main sets the watcher up
 * ({@code camel.main.routes-reload-*}, driven by {@code routes.reload}) and Camel's routes loader loads the file; this
 * action stands in for Camel's own one, which in Camel 4.18, replacing only the changed file's routes, keeps the routes
 * of a removed file running, does not make the routes of a {@code templatedRoute} again, leaves a file's routes removed
 * when one of its new routes cannot be created, tries a file that failed again with every later reload of another
 * file, and logs a stack trace. Here a file with a mistake is one sentence naming the file and line, and its routes
 * stay as they were.
 * <p>
 * Nothing leaves {@link #onReload}: Camel 4.18's watcher thread catches only an {@code Exception} with a message
 * around this action, and ends, silently, on anything else (an {@code Error} such as a step class that cannot
 * initialise, or an exception without a message, which fails its own handler); every later change of the folder, a
 * removed file say, would then go unseen. Nor does the action leave the thread interrupted, which would end the
 * watcher's next poll.
 */
final class RouteFileReload implements ResourceReload {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReload.class);

    private final CamelContext context;
    private final Model model;

    private RouteFileReload(CamelContext context) {
        this.context = context;
        this.model = context.getCamelContextExtension().getContextPlugin(Model.class);
    }

    /** Becomes the action of the route watcher Camel Main has set up; nothing happens when reloading is off. */
    static void install(CamelContext context) {
        RouteWatcherReloadStrategy watcher = context.hasService(RouteWatcherReloadStrategy.class);
        if (watcher != null) {
            watcher.setResourceReload(new RouteFileReload(context));
        }
    }

    @Override
    public void onReload(String name, Resource resource) {
        String file = RouteFileException.shown(resource.getLocation());
        try {
            ProfileRoutes profiles = ProfileRoutes.of(context);
            List<RouteTemplateDefinition> templatesBefore = templatesOf(resource);
            List<RouteDefinition> before = existing(routesOf(resource));
            // each profile's routes of the file's per-profile templates (app/ProfileRoutes) go and come with the file
            List<RouteDefinition> perProfile = existing(profiles.routeIds(templatesBefore).stream()
                    .map(model::getRouteDefinition).filter(Objects::nonNull).toList());
            perProfile.removeAll(before);
            before.addAll(perProfile);
            if (resource.exists()) {
                reload(resource, file, profiles, templatesBefore, before, perProfile);
            } else {
                remove(file, before);
            }
        } catch (Exception | Error e) {
            LOG.debug("Reload failure", e);
            LOG.error("The route file {} could not be {}: {}", file, resource.exists() ? "reloaded" : "taken away",
                    reason(e));
        } finally {
            if (Thread.interrupted()) {
                LOG.debug("The reload of {} left the watcher's thread interrupted; the interrupt is cleared", file);
            }
        }
    }

    private void remove(String file, List<RouteDefinition> routes) throws Exception {
        for (RouteDefinition route : routes) {
            context.getRouteController().stopRoute(route.getRouteId());
            context.removeRoute(route.getRouteId());
        }
        LOG.info("Route file {} removed: its routes are stopped and removed", file);
    }

    private void reload(Resource resource, String file, ProfileRoutes profiles,
                        List<RouteTemplateDefinition> templatesBefore, List<RouteDefinition> before,
                        List<RouteDefinition> perProfile) {
        try {
            RoutesLoader loader = PluginHelper.getRoutesLoader(context);
            // read first: a file that does not parse changes nothing
            List<TemplatedRouteDefinition> templated = templatedRoutesIn(loader.findRoutesBuilders(resource));
            List<String> itemIds = new ArrayList<>();
            for (TemplatedRouteDefinition route : templated) {
                itemIds.add(route.getRouteId());
                itemIds.addAll(profiles.itemRouteIds(route.getRouteId()));
            }
            for (String id : itemIds) {
                RouteDefinition running = model.getRouteDefinition(id);
                if (running != null && context.getRoute(id) != null && !before.contains(running)) {
                    before.add(running);
                }
            }
            // the file's templates are replaced, not doubled, and so are the routes made from them
            for (RouteDefinition route : perProfile) {
                context.getRouteController().stopRoute(route.getRouteId());
                context.removeRoute(route.getRouteId());
            }
            model.removeRouteTemplateDefinitions(templatesBefore);
            Set<String> ids = new TreeSet<>(loader.updateRoutes(resource));
            List<RouteDefinition> made = new ArrayList<>();
            for (TemplatedRouteDefinition route : templated) {
                for (String id : itemIds) {
                    if ((id.equals(route.getRouteId()) || id.startsWith(route.getRouteId() + "-"))
                            && context.getRoute(id) != null) {
                        context.getRouteController().stopRoute(id);
                        context.removeRoute(id);
                    }
                }
                model.addRouteFromTemplatedRoute(route);
                made.add(model.getRouteDefinition(route.getRouteId()));
                ids.add(route.getRouteId());
            }
            List<RouteTemplateDefinition> templatesNow = templatesOf(resource);
            profiles.add(templatesNow);
            ids.addAll(profiles.routeIds(templatesNow));
            profiles.addItemRoutes(made);
            made.forEach(route -> ids.addAll(profiles.itemRouteIds(route.getRouteId())));
            LOG.info("Route file {} reloaded: routes {}", file, String.join(", ", ids));
        } catch (Exception | Error e) {
            String sentence = RouteFileException.behind(e, context).map(Throwable::getMessage)
                    .orElse("The route file " + file + " could not be reloaded: " + sentence(reason(e)));
            LOG.debug("Reload failure", e);
            try {
                putBack(resource, templatesBefore, before);
            } catch (Exception again) {
                LOG.error("{} The routes of {} could not be put back: {}", sentence, file, again.getMessage());
                return;
            }
            LOG.error("{} The routes of {} stay as they were.", sentence, file);
        }
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /** The first message along the causes (an Error's is often empty), else the kind of failure. */
    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    /** The templates and routes the file had before a reload that failed half-way, without what the new text left. */
    private void putBack(Resource resource, List<RouteTemplateDefinition> templates, List<RouteDefinition> routes)
            throws Exception {
        model.removeRouteTemplateDefinitions(templatesOf(resource));
        model.addRouteTemplateDefinitions(templates);
        for (RouteDefinition leftOver : routesOf(resource)) {
            if (context.getRoute(leftOver.getRouteId()) == null) {
                model.removeRouteDefinition(leftOver);
            }
        }
        List<RouteDefinition> gone = routes.stream().filter(route -> context.getRoute(route.getRouteId()) == null)
                .toList();
        if (!gone.isEmpty()) {
            model.addRouteDefinitions(gone);
        }
    }

    private List<RouteDefinition> existing(List<RouteDefinition> routes) {
        return new ArrayList<>(routes.stream().filter(route -> context.getRoute(route.getRouteId()) != null).toList());
    }

    private List<TemplatedRouteDefinition> templatedRoutesIn(Iterable<RoutesBuilder> builders)
            throws Exception {
        List<TemplatedRouteDefinition> templated = new ArrayList<>();
        for (RoutesBuilder builder : builders) {
            if (builder instanceof RouteBuilder routes) {
                routes.configureRoutes(context);
                templated.addAll(routes.getTemplatedRouteCollection().getTemplatedRoutes());
            }
        }
        return templated;
    }

    private List<RouteDefinition> routesOf(Resource resource) {
        return new ArrayList<>(model.getRouteDefinitions().stream()
                .filter(route -> route.getResource() != null
                        && route.getResource().getLocation().equals(resource.getLocation()))
                .toList());
    }

    private List<RouteTemplateDefinition> templatesOf(Resource resource) {
        return model.getRouteTemplateDefinitions().stream()
                .filter(template -> template.getResource() != null
                        && template.getResource().getLocation().equals(resource.getLocation()))
                .toList();
    }
}
