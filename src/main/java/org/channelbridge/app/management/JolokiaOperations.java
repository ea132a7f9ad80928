package org.channelbridge.app.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.Set;

/**
 * Sends every Jolokia request that does more than read (an operation, a write, anything it cannot tell) through
 * the operators-only check; reading requests go on. Jolokia names what a request does in its path
 * ({@code GET .../read/...}, or the {@code p} parameter) or in the {@code type} of each request of a POST body.
 */
final class JolokiaOperations implements Handler<RoutingContext> {

    private static final Set<String> READING = Set.of("read", "list", "search", "version");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jolokiaPath;
    private final Handler<RoutingContext> operatorsOnly;

    JolokiaOperations(String jolokiaPath, Handler<RoutingContext> operatorsOnly) {
        this.jolokiaPath = jolokiaPath.endsWith("/") ? jolokiaPath.substring(0, jolokiaPath.length() - 1) : jolokiaPath;
        this.operatorsOnly = operatorsOnly;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.equals(jolokiaPath) && !path.startsWith(jolokiaPath + "/")) {
            ctx.next();
        } else if (onlyReads(ctx, path.substring(jolokiaPath.length()))) {
            ctx.next();
        } else {
            operatorsOnly.handle(ctx);
        }
    }

    private static boolean onlyReads(RoutingContext ctx, String rest) {
        if (ctx.request().method() == HttpMethod.GET) {
            String p = ctx.request().getParam("p");
            return READING.contains(firstSegment(rest.isEmpty() || rest.equals("/") ? p == null ? "/version" : p : rest));
        }
        if (ctx.request().method() != HttpMethod.POST || ctx.body() == null || ctx.body().buffer() == null) {
            return false;
        }
        try {
            JsonNode requests = JSON.readTree(ctx.body().buffer().getBytes());
            if (requests == null) {
                return false;
            }
            if (!requests.isArray()) {
                return READING.contains(requests.path("type").asText());
            }
            for (JsonNode request : requests) {
                if (!READING.contains(request.path("type").asText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String firstSegment(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }
}
