package org.channelbridge.app;

import org.channelbridge.config.ConfigurationException;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.model.Model;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.xml.io.XmlPullParserLocationException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A route file with a mistake (bad YAML, bad XML, an unknown endpoint or step, a route id another file has): one
 * sentence naming the file, the line and what is wrong, e.g. "The route file routes/mine.camel.yaml has a mistake at
 * line 7: ...". Camel loads the files and finds the mistakes; this only says where, in the words of a person.
 */
public final class RouteFileException extends ConfigurationException {

    private RouteFileException(String sentence, Throwable cause) {
        super(sentence);
        initCause(cause);
    }

    /** The same route id in two files (Camel refuses it too, but names neither file). */
    static RouteFileException duplicate(String routeId, String firstLocation, String secondLocation) {
        java.util.List<String> files = java.util.stream.Stream.of(shown(firstLocation), shown(secondLocation)).sorted()
                .toList();
        return new RouteFileException("The route id " + routeId + " is in two route files, " + files.get(0) + " and "
                + files.get(1) + "; give one of them another id.", null);
    }

    /**
     * The route file behind a failed start or reload, if a route file is to blame: a parser's mistake (the file and
     * line are in it), a route Camel could not create (its file and line are in Camel's model), or an earlier
     * {@link RouteFileException}.
     */
    public static Optional<RouteFileException> behind(Throwable failure, CamelContext context) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RouteFileException mistake) {
                return Optional.of(mistake);
            }
            if (t instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
                var mark = yaml.getProblemMark().get();
                return Optional.of(new RouteFileException(sentence(mark.getName(), mark.getLine() + 1, yaml), failure));
            }
            if (t instanceof XmlPullParserLocationException xml && xml.getResource() != null) {
                return Optional.of(new RouteFileException(sentence(xml.getResource().getLocation(),
                        positive(xml.getLineNumber()), xml), failure));
            }
            if (t instanceof FailedToCreateRouteException failed) {
                RouteDefinition route = routeOf(context, failed.getRouteId());
                if (route != null && route.getResource() != null) {
                    Throwable reason = failed.getCause() == null ? failed : failed.getCause();
                    return Optional.of(new RouteFileException(sentence(route.getResource().getLocation(),
                            lineInRoute(route, failed), reason), failure));
                }
            }
        }
        return Optional.empty();
    }

    private static String sentence(String location, Integer line, Throwable reason) {
        String where = line == null ? "" : " at line " + line;
        String what = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage().strip();
        what = what.lines().findFirst().orElse(what).strip();
        if (what.endsWith(".")) {
            what = what.substring(0, what.length() - 1);
        }
        return "The route file " + shown(location) + " has a mistake" + where + ": " + what + ".";
    }

    /** routes/mine.camel.yaml for file:/opt/bridge/routes/mine.camel.yaml: the folder and the file. */
    static String shown(String location) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        Path file = Path.of(path).normalize();
        Path parent = file.getParent();
        return parent == null || parent.getFileName() == null ? file.toString()
                : parent.getFileName() + "/" + file.getFileName();
    }

    /** The line of the step Camel names in ">>> step <<<", else the line of the route. */
    private static Integer lineInRoute(RouteDefinition route, FailedToCreateRouteException failed) {
        String message = String.valueOf(failed.getMessage()).toLowerCase(Locale.ROOT);
        Integer step = stepLine(route.getInput(), message);
        for (ProcessorDefinition<?> output : route.getOutputs()) {
            step = step != null ? step : stepLine(output, message);
        }
        return step != null ? step : positive(route.getLineNumber());
    }

    private static Integer stepLine(OptionalIdentifiedDefinition<?> definition, String message) {
        if (definition == null) {
            return null;
        }
        if (message.contains(">>> " + definition.toString().toLowerCase(Locale.ROOT) + " <<<")) {
            return positive(definition.getLineNumber());
        }
        if (definition instanceof ProcessorDefinition<?> processor) {
            for (ProcessorDefinition<?> output : processor.getOutputs()) {
                Integer line = stepLine(output, message);
                if (line != null) {
                    return line;
                }
            }
        }
        return null;
    }

    private static Integer positive(int line) {
        return line > 0 ? line : null;
    }

    private static RouteDefinition routeOf(CamelContext context, String routeId) {
        Model model = context == null ? null : context.getCamelContextExtension().getContextPlugin(Model.class);
        return model == null || routeId == null ? null : model.getRouteDefinition(routeId);
    }
}
