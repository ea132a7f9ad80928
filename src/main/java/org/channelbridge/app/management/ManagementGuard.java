package org.channelbridge.app.management;

import io.vertx.core.Handler;
import io.vertx.ext.auth.authorization.AuthorizationProvider;
import io.vertx.ext.auth.authorization.OrAuthorization;
import io.vertx.ext.auth.authorization.RoleBasedAuthorization;
import io.vertx.ext.auth.properties.PropertyFileAuthentication;
import io.vertx.ext.auth.properties.PropertyFileAuthorization;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthorizationHandler;
import io.vertx.ext.web.handler.BasicAuthHandler;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.StaticService;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the two roles in front of everything the management server answers. Camel's own basic authentication
 * (the users file) says who is calling; Vert.x's authorization over the same file says what they may do: a
 * {@code reader} may read health, metrics and MBeans, an {@code operator} may also run the bridge's operations
 * through Jolokia. Requests larger than {@code management.max-request-kb} are refused before Jolokia reads them.
 * <p>
 * It runs first on the management router (the order Camel gives its own handlers cannot be relied on), so it
 * authenticates with the same file itself rather than waiting for Camel's handler to have done so.
 */
public final class ManagementGuard extends ServiceSupport implements CamelContextAware, StaticService {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementGuard.class);
    private static final int FIRST = -1000;

    private final ManagementSettings settings;
    private CamelContext context;

    public ManagementGuard(ManagementSettings settings) {
        this.settings = settings;
    }

    @Override
    public void setCamelContext(CamelContext context) {
        this.context = context;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    @Override
    protected void doStart() {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            return;
        }
        VertxPlatformHttpRouter router = server.getRouter();
        if (router == null) {
            throw new IllegalStateException("The management server has not started, so its roles cannot be set.");
        }
        // Vert.x wants the body read before authentication
        Route first = router.route().order(FIRST)
                .handler(BodyHandler.create(false).setBodyLimit(settings.maxRequestBytes()));
        if (settings.usersFile() != null) {
            String file = settings.usersFile().toString();
            AuthorizationProvider roles = PropertyFileAuthorization.create(router.vertx(), file);
            first.handler(BasicAuthHandler.create(PropertyFileAuthentication.create(router.vertx(), file)))
                    .handler(AuthorizationHandler.create(OrAuthorization.create()
                                    .addAuthorization(RoleBasedAuthorization.create(ManagementSettings.READER))
                                    .addAuthorization(RoleBasedAuthorization.create(ManagementSettings.OPERATOR)))
                            .addAuthorizationProvider(roles));
            Handler<RoutingContext> operatorsOnly = AuthorizationHandler
                    .create(RoleBasedAuthorization.create(ManagementSettings.OPERATOR)).addAuthorizationProvider(roles);
            first.handler(new JolokiaOperations(server.getJolokiaPath(), operatorsOnly));
            LOG.info("Management server on {}: login required (users of {}), operations for the operator role only",
                    server.getHost(), file);
        } else {
            LOG.info("Management server on {}: no login (loopback only)", server.getHost());
        }
    }
}
