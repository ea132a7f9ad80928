package org.channelbridge.ops.monitor;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.Route;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;

/**
 * Logs at DEBUG (logger {@code org.channelbridge.ops.monitor.ErrorHandlingSummary}), once the bridge has started,
 * which error handling each route has: its route configuration (the flow's
 * dead-letter channel), or Camel's default one, which hands failures back to the caller. Camel's own start-up summary
 * lists the routes but not that.
 */
public final class ErrorHandlingSummary implements ExtendedStartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlingSummary.class);

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the routes are all known only once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        List<Route> routes = context.getRoutes().stream().sorted(Comparator.comparing(Route::getRouteId)).toList();
        LOG.debug("Error handling of the {} routes:", routes.size());
        for (Route route : routes) {
            String configuration = route.getConfigurationId();
            // sanitized: an endpoint URI may carry a password (FTP)
            LOG.debug("    {} ({}): {}", route.getRouteId(), URISupport.sanitizeUri(route.getEndpoint().getEndpointUri()),
                    configuration == null || configuration.isBlank()
                            ? "Camel's default error handler (no dead letter; a failure goes back to the caller)"
                            : "route configuration " + configuration + " (the flow's dead-letter channel)");
        }
    }
}
