package org.channelbridge.app;

import org.channelbridge.config.ConfigurationException;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The route files of the routes folder ({@code *.camel.yaml} and {@code *.camel.xml}), loaded one by one so that a
 * mistake is reported with the file it is in.
 */
public final class RouteFiles {

    private final Path folder;

    public RouteFiles(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    /** Whether Camel reads this file as routes. */
    public static boolean isRouteFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".camel.yaml") || name.endsWith(".camel.xml");
    }

    /**
     * The route files, by name (so the order of loading does not depend on the file system), those that define route
     * configurations or route templates first: the routes of the other files name them.
     */
    public List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(RouteFiles::isRouteFile).filter(Files::isRegularFile)
                    .sorted(java.util.Comparator.comparing((Path file) -> !definesShared(file))
                            .thenComparing(java.util.Comparator.naturalOrder()))
                    .toList();
        }
    }

    private static boolean definesShared(Path file) {
        try {
            String text = Files.readString(file);
            return text.contains("routeConfiguration:") || text.contains("routeTemplate:")
                    || text.contains("<routeConfiguration") || text.contains("<routeTemplate");
        } catch (IOException e) {
            return false;
        }
    }

    /** Adds the routes of every file to the (not yet started) context; the first file with a mistake stops it. */
    public void loadAll(CamelContext context) throws IOException {
        // a route id given twice would leave whichever file loads last in force, without a word
        java.util.Map<String, Path> fileOfRoute = new java.util.HashMap<>();
        for (Path file : list()) {
            for (String id : load(context, PluginHelper.getResourceLoader(context).resolveResource(locationOf(file)))) {
                Path first = fileOfRoute.putIfAbsent(id, file);
                if (first != null) {
                    throw new ConfigurationException("The route id " + id + " is in two route files, "
                            + folder.relativize(first) + " and " + folder.relativize(file)
                            + "; give one of them another id.");
                }
            }
        }
    }

    /** Adds or updates the routes of one file; a mistake becomes a {@link RouteFileException} naming the file. */
    public static java.util.Set<String> load(CamelContext context, Resource resource) {
        try {
            java.util.Set<String> ids = new java.util.LinkedHashSet<>();
            for (org.apache.camel.RoutesBuilder builder
                    : PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(resource))) {
                if (builder instanceof org.apache.camel.RouteConfigurationsBuilder configurations) {
                    configurations.updateRouteConfigurationsToCamelContext(context);
                }
                ids.addAll(builder.updateRoutesToCamelContext(context));
                // the routes a file makes from a route template (templatedRoute)
                org.apache.camel.model.ModelCamelContext model = (org.apache.camel.model.ModelCamelContext) context;
                java.util.Set<String> before = model.getRouteDefinitions().stream()
                        .map(org.apache.camel.model.RouteDefinition::getRouteId).collect(java.util.stream.Collectors.toSet());
                context.addTemplatedRoutes(builder);
                model.getRouteDefinitions().stream().map(org.apache.camel.model.RouteDefinition::getRouteId)
                        .filter(id -> !before.contains(id)).forEach(ids::add);
            }
            return ids;
        } catch (Exception e) {
            throw RouteFileException.of(fileOf(resource.getLocation()), context, e);
        }
    }

    /** The location Camel gives the routes of a file (the route's source resource). */
    public static String locationOf(Path file) {
        return "file:" + file.toAbsolutePath().normalize().toString().replace('\\', '/');
    }

    /** The file behind a resource location such as {@code file:/opt/bridge/routes/orders.camel.yaml}. */
    public static Path fileOf(String location) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        return Path.of(path).toAbsolutePath().normalize();
    }
}
