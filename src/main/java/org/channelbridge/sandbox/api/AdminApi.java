package org.channelbridge.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxClock;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.auth.TokenService;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.traffic.TrafficStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The sandbox's own JSON API under {@code /sandbox/}: seed orders, inject faults, expire tokens, read stats, reset. */
public final class AdminApi {
    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final ApiGateway gateway;
    private final TokenService tokens;
    private final TrafficStats traffic;
    private final Supplier<JsonNode> ftpStatus;
    private final Runnable ftpReset;

    public AdminApi(SandboxSettings settings, SandboxClock clock, ApiGateway gateway, TokenService tokens,
                    TrafficStats traffic, Supplier<JsonNode> ftpStatus, Runnable ftpReset) {
        this.settings = settings;
        this.clock = clock;
        this.gateway = gateway;
        this.tokens = tokens;
        this.traffic = traffic;
        this.ftpStatus = ftpStatus;
        this.ftpReset = ftpReset;
    }

    public ApiResponse handle(ApiRequest r) {
        try {
            return route(r.method(), r.path().substring("/sandbox".length()), r);
        } catch (ApiError e) {
            return ApiResponse.plainJson(e.status(), message(e.getMessage()));
        }
    }

    private ApiResponse route(String method, String path, ApiRequest r) {
        if (method.equals("GET") && path.startsWith("/exports/") && path.endsWith(".zip")) {
            byte[] zip = gateway.exports().file(path.substring(9, path.length() - 4));
            return zip == null ? ApiResponse.plainJson(404, message("no finished export " + path))
                    : new ApiResponse(200, java.util.Map.of("Content-Type", "application/zip"), zip);
        }
        switch (method + " " + path) {
            case "POST /orders":
                return seed(r.body().length == 0 ? CaFormat.JSON.createObjectNode() : r.json());
            case "GET /orders":
                return gateway.underLock(true, () -> dump(gateway.orders().all()));
            case "GET /products":
                return gateway.underLock(true, () -> dump(gateway.products().all()));
            case "POST /faults": {
                String problem = gateway.faults().add(r.json());
                return problem == null ? ApiResponse.plainJson(200, gateway.faults().describe())
                        : ApiResponse.plainJson(400, message(problem));
            }
            case "GET /faults":
                return ApiResponse.plainJson(200, gateway.faults().describe());
            case "DELETE /faults":
                gateway.faults().clear(settings.latency.toMillis(), settings.jitter.toMillis());
                return ApiResponse.plainJson(200, gateway.faults().describe());
            case "POST /tokens/expire":
                tokens.expireAll();
                return ApiResponse.plainJson(200, message("every access token has expired"));
            case "POST /tokens/revoke":
                tokens.revokeAll();
                return ApiResponse.plainJson(200, message("access is revoked: tokens and refresh tokens no longer work"));
            case "POST /clock": {
                long seconds = r.json().path("advanceSeconds").asLong(0);
                clock.advance(Duration.ofSeconds(seconds));
                gateway.settleDueAdjustments();
                return ApiResponse.plainJson(200, CaFormat.JSON.createObjectNode().put("now", CaFormat.date(clock.now())));
            }
            case "GET /ftp":
                return ApiResponse.plainJson(200, ftpStatus.get());
            case "GET /stats":
                return ApiResponse.plainJson(200, stats());
            case "POST /reset":
                gateway.underLock(false, () -> {
                    gateway.products().reset();
                    gateway.orders().reset();
                    return null;
                });
                tokens.reset();
                traffic.reset();
                gateway.limiter().reset();
                gateway.faults().clear(settings.latency.toMillis(), settings.jitter.toMillis());
                gateway.exports().reset();
                gateway.uploads().reset();
                ftpReset.run();
                return ApiResponse.plainJson(200, message("the sandbox is empty again"));
            default:
                return ApiResponse.plainJson(404, message("no admin resource " + method + " /sandbox" + path));
        }
    }

    private ApiResponse seed(JsonNode b) {
        int count = b.path("count").asInt(10);
        if (count < 0 || count > 100_000) {
            throw new ApiError(400, "count must be between 0 and 100000");
        }
        List<String> skus = new ArrayList<>();
        b.path("skus").forEach(s -> skus.add(s.asText()));
        List<Long> ids = gateway.underLock(false, () -> gateway.orders().seed(count, b.path("readyOnly").asBoolean(false),
                b.path("withManyItems").asInt(0), b.path("unknownSkus").asInt(0), skus, clock.now()));
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        ArrayNode arr = doc.putArray("ids");
        ids.forEach(arr::add);
        return ApiResponse.plainJson(200, doc);
    }

    private static ApiResponse dump(Iterable<ObjectNode> entities) {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        ArrayNode value = doc.putArray("value");
        entities.forEach(e -> value.add(e.deepCopy()));
        return ApiResponse.plainJson(200, doc);
    }

    private JsonNode stats() {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("now", CaFormat.date(clock.now()));
        doc.set("requests", traffic.toJson());
        doc.put("tooManyRequestsSent", traffic.withStatus(429));
        doc.set("limits", CaFormat.JSON.valueToTree(gateway.limiterView()));
        gateway.underLock(true, () -> {
            doc.put("products", gateway.products().count());
            ObjectNode orders = doc.putObject("orders");
            orders.put("total", gateway.orders().count());
            orders.set("byShippingStatus", CaFormat.JSON.valueToTree(gateway.orders().countByShippingStatus()));
            ObjectNode exported = orders.putObject("exportedByApplication");
            settings.applications.forEach(a -> exported.put(a.id(), gateway.orders().exportedCount(a.id())));
            orders.put("adjustmentsInProgress", gateway.orders().adjustments().inProgress());
            return null;
        });
        doc.set("ftp", ftpStatus.get());
        return doc;
    }

    private static ObjectNode message(String text) {
        return CaFormat.JSON.createObjectNode().put("message", text);
    }
}
