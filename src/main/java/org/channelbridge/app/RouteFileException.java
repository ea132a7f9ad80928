package org.channelbridge.app;

import org.channelbridge.config.ConfigurationException;

import org.apache.camel.CamelContext;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.model.Model;
import org.apache.camel.model.OptionalIdentifiedDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.xml.io.XmlPullParserException;
import org.apache.camel.xml.io.XmlPullParserLocationException;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A route file with a mistake (bad YAML, bad XML, an unknown endpoint or step): the message is one sentence naming
 * the file, the line and what is wrong, e.g. "The route file routes/mine.camel.yaml has a mistake at line 7: ...".
 */
public final class RouteFileException extends ConfigurationException {

    private RouteFileException(String sentence, Throwable cause) {
        super(sentence);
        initCause(cause);
    }

    /** The mistake {@code e} made when {@code file} was loaded into {@code context}. */
    public static RouteFileException of(Path file, CamelContext context, Throwable e) {
        Optional<RouteFileException> known = in(e);
        if (known.isPresent()) {
            return known.get();
        }
        Integer line = lineOf(e);
        Throwable reason = e;
        while (reason.getCause() != null && (reason.getMessage() == null || reason.getMessage().startsWith("Error "))) {
            reason = reason.getCause();
        }
        if (e instanceof FailedToCreateRouteException failed) {
            line = lineInRoute(context, failed);
            reason = failed.getCause() == null ? failed : failed.getCause();
        }
        return new RouteFileException(sentence(file, line, reason), e);
    }

    /**
     * The route file behind a failed start, if a route file is to blame: an earlier {@link RouteFileException}, or a
     * route that could not be created (its file and line are in Camel's model).
     */
    public static Optional<RouteFileException> behind(Throwable failure, CamelContext context) {
        Optional<RouteFileException> known = in(failure);
        if (known.isPresent()) {
            return known;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FailedToCreateRouteException failed) {
                RouteDefinition route = routeOf(context, failed.getRouteId());
                if (route != null && route.getResource() != null) {
                    return Optional.of(of(RouteFiles.fileOf(route.getResource().getLocation()), context, failed));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<RouteFileException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RouteFileException mistake) {
                return Optional.of(mistake);
            }
        }
        return Optional.empty();
    }

    private static String sentence(Path file, Integer line, Throwable reason) {
        String where = line == null ? "" : " at line " + line;
        String what = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage().strip();
        what = what.lines().findFirst().orElse(what);
        if (what.endsWith(".")) {
            what = what.substring(0, what.length() - 1);
        }
        return "The route file " + shown(file) + " has a mistake" + where + ": " + what + ".";
    }

    private static String shown(Path file) {
        Path parent = file.getParent();
        return parent == null || parent.getFileName() == null ? file.toString()
                : parent.getFileName() + "/" + file.getFileName();
    }

    /** The line a parser reports (1-based), from the first exception in the chain that knows one. */
    private static Integer lineOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYamlEngineException yaml && yaml.getProblemMark().isPresent()) {
                return yaml.getProblemMark().get().getLine() + 1;
            }
            if (t instanceof XmlPullParserLocationException xml && xml.getLineNumber() > 0) {
                return xml.getLineNumber();
            }
            if (t instanceof XmlPullParserException xml && xml.getLineNumber() > 0) {
                return xml.getLineNumber();
            }
        }
        return null;
    }

    /** The line of the step Camel names in ">>> step <<<", else the line of the route. */
    private static Integer lineInRoute(CamelContext context, FailedToCreateRouteException failed) {
        RouteDefinition route = routeOf(context, failed.getRouteId());
        if (route == null) {
            return null;
        }
        String message = failed.getMessage().toLowerCase(Locale.ROOT);
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
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        return model == null || routeId == null ? null : model.getRouteDefinition(routeId);
    }
}
