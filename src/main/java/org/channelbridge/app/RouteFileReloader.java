package org.channelbridge.app;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reloads a route file of the routes folder that was changed, added or removed while the bridge runs
 * ({@code routes.reload=true}). Only the routes of that file are replaced; a file with a mistake is reported with its
 * name and line and the routes it had before are put back as they were, from the text that last loaded well.
 */
public final class RouteFileReloader extends FileWatcherResourceReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReloader.class);

    private final Map<Path, String> lastGood = new HashMap<>();

    public RouteFileReloader(RouteFiles files) throws IOException {
        super(files.folder().toString());
        setFileFilter(file -> RouteFiles.isRouteFile(file.toPath()));
        setResourceReload((name, resource) -> reload(Path.of(name).toAbsolutePath().normalize()));
        for (Path file : files.list()) {
            lastGood.put(file, Files.readString(file, StandardCharsets.UTF_8));
        }
    }

    @Override
    protected String startupMessage(java.io.File dir) {
        return "Route files are reloaded when they change (folder: " + dir + ")";
    }

    synchronized void reload(Path file) {
        String text = read(file);
        String before = lastGood.get(file);
        if (text != null && text.equals(before)) {
            return;
        }
        try {
            Set<String> ids = replace(file, text);
            if (text == null) {
                lastGood.remove(file);
                LOG.info("Route file {} removed: its routes are stopped and removed", file.getFileName());
            } else {
                lastGood.put(file, text);
                LOG.info("Route file {} reloaded: routes {}", file.getFileName(), String.join(", ", new TreeSet<>(ids)));
            }
        } catch (RuntimeException e) {
            LOG.error("{} The routes of {} stay as they were.", e.getMessage(), file.getFileName());
            LOG.debug("Reload failure", e);
            try {
                replace(file, before);
            } catch (RuntimeException again) {
                LOG.error("The routes of {} could not be put back: {}", file.getFileName(), again.getMessage());
            }
        }
    }

    /** Removes the routes that came from {@code file}, then adds those of {@code text} (none when null). */
    private Set<String> replace(Path file, String text) {
        CamelContext context = getCamelContext();
        String location = RouteFiles.locationOf(file);
        List<String> old = context.getRoutes().stream()
                .filter(route -> route.getSourceResource() != null
                        && RouteFiles.fileOf(route.getSourceResource().getLocation()).equals(file))
                .map(Route::getRouteId).toList();
        for (String id : old) {
            try {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            } catch (Exception e) {
                throw new IllegalStateException("Route " + id + " could not be stopped: " + e.getMessage(), e);
            }
        }
        if (text == null) {
            return Set.of();
        }
        Resource resource = ResourceHelper.fromString(location, text);
        return RouteFiles.load(context, resource);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("The route file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
