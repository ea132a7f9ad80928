package org.channelbridge.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxClock;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.auth.TokenService;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.profiles.ProfileData;
import org.channelbridge.sandbox.traffic.TrafficStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The sandbox's own JSON API under {@code /sandbox/}: seed orders (in a profile), inject faults, expire or revoke
 * tokens, read stats (totals and per profile), reset.
 */
public final class AdminApi {
    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final ApiGateway gateway;
    private final TokenService tokens;
    private final TrafficStats traffic;
    private final Supplier<JsonNode> ftpStatus;
    private final Runnable ftpReset;
    private final UnaryOperator<JsonNode> ftpFaults;

    public AdminApi(SandboxSettings settings, SandboxClock clock, ApiGateway gateway, TokenService tokens,
                    TrafficStats traffic, Supplier<JsonNode> ftpStatus, Runnable ftpReset,
                    UnaryOperator<JsonNode> ftpFaults) {
        this.settings = settings;
        this.clock = clock;
        this.gateway = gateway;
        this.tokens = tokens;
        this.traffic = traffic;
        this.ftpStatus = ftpStatus;
        this.ftpReset = ftpReset;
        this.ftpFaults = ftpFaults;
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
            byte[] zip = gateway.exportFile(path.substring(9, path.length() - 4));
            return zip == null ? ApiResponse.plainJson(404, message("no finished export " + path))
                    : new ApiResponse(200, java.util.Map.of("Content-Type", "application/zip"), zip);
        }
        switch (method + " " + path) {
            case "POST /orders":
                return seed(r.body().length == 0 ? CaFormat.JSON.createObjectNode() : r.json());
            case "GET /orders":
                return gateway.underLock(true, () -> dump(chosen(r), d -> d.orders().all()));
            case "GET /products":
                return gateway.underLock(true, () -> dump(chosen(r), d -> d.products().all()));
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
            case "POST /tokens/revoke": {
                JsonNode body = r.body().length == 0 ? CaFormat.JSON.createObjectNode() : object(r.json());
                if (body.hasNonNull("applicationId")) {
                    String app = body.get("applicationId").asText();
                    if (!tokens.knows(app)) {
                        throw new ApiError(400, "no application " + app + " is registered with the sandbox");
                    }
                    tokens.revoke(app);
                    return ApiResponse.plainJson(200, message("access of " + app
                            + " is revoked: its tokens and refresh tokens no longer work"));
                }
                tokens.revokeAll();
                return ApiResponse.plainJson(200, message("access is revoked: tokens and refresh tokens no longer work"));
            }
            case "POST /clock": {
                JsonNode body = object(r.json());
                long seconds = whole(body, "advanceSeconds", 0);
                if (seconds < 0) {
                    throw new ApiError(400, "advanceSeconds must be 0 or more");
                }
                clock.advance(Duration.ofSeconds(seconds));
                gateway.settleDueAdjustments();
                return ApiResponse.plainJson(200, CaFormat.JSON.createObjectNode().put("now", CaFormat.date(clock.now())));
            }
            case "GET /ftp":
                return ApiResponse.plainJson(200, ftpStatus.get());
            // the FTP server's own faults: {"refuseLogins": true} answers every login 530, {"down": true} stops it
            case "POST /ftp/faults": {
                JsonNode body = object(r.json());
                for (String key : List.of("refuseLogins", "down")) {
                    if (body.has(key) && !body.get(key).isBoolean()) {
                        throw new ApiError(400, key + " must be true or false");
                    }
                }
                return ApiResponse.plainJson(200, ftpFaults.apply(body));
            }
            case "GET /stats":
                return ApiResponse.plainJson(200, stats());
            case "POST /reset":
                gateway.underLock(false, () -> {
                    gateway.profiles().reset();
                    return null;
                });
                tokens.reset();
                traffic.reset();
                gateway.limiter().reset();
                gateway.faults().clear(settings.latency.toMillis(), settings.jitter.toMillis());
                ftpReset.run();
                return ApiResponse.plainJson(200, message("the sandbox is empty again"));
            default:
                return ApiResponse.plainJson(404, message("no admin resource " + method + " /sandbox" + path));
        }
    }

    private ApiResponse seed(JsonNode body) {
        JsonNode b = object(body);
        ProfileData profile = profile(whole(b, "profileId", gateway.profiles().first().id()));
        long count = whole(b, "count", 10);
        if (count < 0 || count > 100_000) {
            throw new ApiError(400, "count must be between 0 and 100000");
        }
        for (String flag : List.of("readyOnly")) {
            if (b.has(flag) && !b.get(flag).isBoolean()) {
                throw new ApiError(400, flag + " must be true or false");
            }
        }
        List<String> skus = new ArrayList<>();
        if (b.has("skus") && !b.get("skus").isArray()) {
            throw new ApiError(400, "skus must be an array of Sku strings");
        }
        for (JsonNode sku : b.path("skus")) {
            if (!sku.isTextual() || sku.asText().isBlank() || sku.asText().length() > 50) {
                throw new ApiError(400, "skus must be an array of Sku strings (1 to 50 characters each)");
            }
            skus.add(sku.asText());
        }
        long withManyItems = whole(b, "withManyItems", 0);
        long unknownSkus = whole(b, "unknownSkus", 0);
        if (withManyItems < 0 || withManyItems > 1000 || unknownSkus < 0 || unknownSkus > count) {
            throw new ApiError(400, "withManyItems must be between 0 and 1000 and unknownSkus between 0 and count");
        }
        List<Long> ids = gateway.underLock(false, () -> profile.orders().seed((int) count,
                b.path("readyOnly").asBoolean(false), (int) withManyItems, (int) unknownSkus, skus, clock.now()));
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        ArrayNode arr = doc.putArray("ids");
        ids.forEach(arr::add);
        return ApiResponse.plainJson(200, doc);
    }

    /** The sandbox's profile of this id; 400 naming it when there is none. */
    private ProfileData profile(long id) {
        ProfileData p = gateway.profiles().get(id);
        if (p == null) {
            throw new ApiError(400, "profileId " + id + " is not a profile of the sandbox (it has "
                    + gateway.profiles().ids() + ")");
        }
        return p;
    }

    /** The profiles a dump covers: the one of the {@code profileId} parameter, or all. */
    private List<ProfileData> chosen(ApiRequest r) {
        String id = r.param("profileId");
        if (id == null) {
            return List.copyOf(gateway.profiles().all());
        }
        try {
            return List.of(profile(Long.parseLong(id.trim())));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "profileId must be a whole number");
        }
    }

    /** A JSON body must be an object: an array, a string or a number is refused, not read as defaults. */
    private static JsonNode object(JsonNode body) {
        if (!body.isObject()) {
            throw new ApiError(400, "The request body must be a JSON object.");
        }
        return body;
    }

    private static long whole(JsonNode body, String field, long fallback) {
        if (!body.has(field)) {
            return fallback;
        }
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ApiError(400, field + " must be a whole number");
        }
        return value.asLong();
    }

    private static ApiResponse dump(List<ProfileData> profiles, Function<ProfileData, Iterable<ObjectNode>> entities) {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        ArrayNode value = doc.putArray("value");
        profiles.forEach(p -> entities.apply(p).forEach(e -> value.add(e.deepCopy())));
        return ApiResponse.plainJson(200, doc);
    }

    private JsonNode stats() {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("now", CaFormat.date(clock.now()));
        doc.set("requests", traffic.toJson());
        doc.set("requestsByProfile", traffic.byProfileJson());
        doc.put("tooManyRequestsSent", traffic.withStatus(429));
        doc.set("limits", CaFormat.JSON.valueToTree(gateway.limiterView()));
        gateway.underLock(true, () -> {
            List<ProfileData> all = List.copyOf(gateway.profiles().all());
            doc.put("products", all.stream().mapToInt(p -> p.products().count()).sum());
            doc.set("orders", orders(all));
            ObjectNode byProfile = doc.putObject("profiles");
            for (ProfileData p : all) {
                ObjectNode one = byProfile.putObject(String.valueOf(p.id()));
                one.put("products", p.products().count());
                one.set("orders", orders(List.of(p)));
                one.set("limits", CaFormat.JSON.valueToTree(gateway.limiterView(p.id())));
            }
            return null;
        });
        doc.set("ftp", ftpStatus.get());
        return doc;
    }

    /** The order counters of these profiles together. */
    private ObjectNode orders(List<ProfileData> profiles) {
        ObjectNode orders = CaFormat.JSON.createObjectNode();
        orders.put("total", profiles.stream().mapToInt(p -> p.orders().count()).sum());
        Map<String, Integer> byStatus = new TreeMap<>();
        profiles.forEach(p -> p.orders().countByShippingStatus().forEach((k, v) -> byStatus.merge(k, v, Integer::sum)));
        orders.set("byShippingStatus", CaFormat.JSON.valueToTree(byStatus));
        ObjectNode exported = orders.putObject("exportedByApplication");
        settings.applications.forEach(a -> exported.put(a.id(),
                profiles.stream().mapToInt(p -> p.orders().exportedCount(a.id())).sum()));
        orders.put("adjustmentsInProgress", profiles.stream().mapToInt(p -> p.orders().adjustments().inProgress()).sum());
        return orders;
    }

    private static ObjectNode message(String text) {
        return CaFormat.JSON.createObjectNode().put("message", text);
    }
}
