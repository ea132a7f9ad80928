package org.channelbridge.app;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelLifecycleStrategySupport;
import org.apache.camel.model.RouteDefinition;

import java.util.HashMap;
import java.util.Map;

/**
 * A route id given in two route files stops start-up with one sentence naming both files. Camel refuses the second
 * route too, but its message names neither file; once the context runs, a reloaded file replaces its own routes by id
 * and is left to Camel.
 */
final class DuplicateRouteIds extends ModelLifecycleStrategySupport {

    private final CamelContext context;
    private final Map<String, String> fileOfRoute = new HashMap<>();

    DuplicateRouteIds(CamelContext context) {
        this.context = context;
    }

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        if (context.getStatus().isStarted() || route.getResource() == null || !route.hasCustomIdAssigned()) {
            return;
        }
        String file = route.getResource().getLocation();
        String first = fileOfRoute.putIfAbsent(route.getRouteId(), file);
        if (first != null && !first.equals(file)) {
            throw RouteFileException.duplicate(route.getRouteId(), first, file);
        }
    }
}
