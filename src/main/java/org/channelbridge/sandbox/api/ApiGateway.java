package org.channelbridge.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.sandbox.SandboxClock;
import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.auth.TokenService;
import org.channelbridge.sandbox.auth.TokenService.Grant;
import org.channelbridge.sandbox.odata.CaFormat;
import org.channelbridge.sandbox.odata.CollectionQuery;
import org.channelbridge.sandbox.odata.EntityWriter;
import org.channelbridge.sandbox.odata.Expand;
import org.channelbridge.sandbox.odata.ODataQueryException;
import org.channelbridge.sandbox.odata.QueryOptions;
import org.channelbridge.sandbox.orders.OrderStore;
import org.channelbridge.sandbox.products.ProductStore;
import org.channelbridge.sandbox.profiles.ProfileData;
import org.channelbridge.sandbox.profiles.Profiles;
import org.channelbridge.sandbox.traffic.FaultInjector;
import org.channelbridge.sandbox.traffic.RequestLimiter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code /v1} API over the in-memory state: admission (token, the profile the call acts in, that profile's
 * window and concurrent slots), then routing to that profile's data. Reads share the state lock, writes hold it
 * alone, so every call sees a consistent state.
 */
public final class ApiGateway {

    /** The outcome of admission: a grant and the profile to go on with, or the refusal to send. */
    public record Admission(Grant grant, ProfileData profile, ApiResponse refusal) {
    }

    private static final Pattern PRODUCT = Pattern.compile("/v1/Products\\((\\d+)\\)");
    private static final Pattern PRODUCT_ACTION = Pattern.compile("/v1/Products\\((\\d+)\\)/(\\w+)");
    private static final Pattern PRODUCT_NAMED = Pattern.compile("/v1/Products\\((\\d+)\\)/(Attributes|Labels)\\('((?:[^']|'')*)'\\)");
    private static final Pattern KEYED = Pattern.compile("/v1/(AttributeValues|ProductLabels)\\(ProductID=(\\d+),\\s*Name='((?:[^']|'')*)'\\)");
    private static final Pattern ORDER = Pattern.compile("/v1/Orders\\((\\d+)\\)");
    private static final Pattern ORDER_ACTION = Pattern.compile("/v1/Orders\\((\\d+)\\)/(\\w+)");
    private static final Pattern FULFILLMENT = Pattern.compile("/v1/Fulfillments\\((\\d+)\\)");
    private static final Pattern FULFILLMENT_ITEM_MOVE = Pattern.compile("/v1/FulfillmentItems\\((\\d+)\\)/Move");
    private static final ObjectNode FULFILLMENT_TEMPLATE = (ObjectNode) OrderStore.TEMPLATE.get("Fulfillments").get(0);
    private static final Pattern ITEM_ADJUST = Pattern.compile("/v1/OrderItems\\((\\d+)\\)/Adjust");
    /** Sub-resource paths ChannelAdvisor does not take inside $batch. */
    private static final Pattern ALIASED = Pattern.compile("/v1/Products\\(\\d+\\)/(Attributes|Images|Labels|BundleComponents)\\(.*");

    private final SandboxSettings settings;
    private final SandboxClock clock;
    private final TokenService tokens;
    private final RequestLimiter limiter;
    private final FaultInjector faults;
    private final Profiles profiles;
    private final String baseUrl;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final BatchHandler batch;
    private volatile long nextAdjustmentDue = Long.MAX_VALUE;

    public ApiGateway(SandboxSettings settings, SandboxClock clock, TokenService tokens, RequestLimiter limiter,
                      FaultInjector faults, Profiles profiles, String baseUrl) {
        this.settings = settings;
        this.clock = clock;
        this.tokens = tokens;
        this.limiter = limiter;
        this.faults = faults;
        this.profiles = profiles;
        this.baseUrl = baseUrl;
        this.batch = new BatchHandler(this, settings);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Checks the token, the profile the call acts in (named by {@code profileid} or the body's {@code ProfileID},
     * else the token's first; one the token does not cover is refused like a bad token), that profile's window and
     * the application's concurrent slots in it, in that order.
     */
    public Admission admit(ApiRequest r) {
        Grant g = tokens.authenticate(r);
        if (g == null) {
            return new Admission(null, null, ApiResponse.unauthorized());
        }
        Long named;
        try {
            named = RequestProfile.named(r);
        } catch (ApiError e) {
            return new Admission(null, null, ApiResponse.error(e.status(), e.getMessage()));
        }
        long id = named != null ? named : g.defaultProfile();
        ProfileData profile = profiles.get(id);
        if (profile == null || !g.covers(id)) {
            return new Admission(null, null, ApiResponse.unauthorized());
        }
        if (!limiter.admitProfile(id) || !limiter.enter(g.applicationId(), id)) {
            return new Admission(null, null, tooMany());
        }
        return new Admission(g, profile, null);
    }

    /** Gives back the concurrent slot taken by {@link #admit}. */
    public void finish(Admission a) {
        limiter.leave(a.grant().applicationId(), a.profile().id());
    }

    /**
     * The profile a call would act in, to match faults before admission: the one it names, else its token's first,
     * else the sandbox's first; null when its profileid cannot be read.
     */
    public Long profileForFaults(ApiRequest r) {
        try {
            Long named = RequestProfile.named(r);
            if (named != null) {
                return named;
            }
        } catch (ApiError e) {
            return null;
        }
        Grant g = tokens.authenticate(r);
        return g != null ? g.defaultProfile() : profiles.first().id();
    }

    public ApiResponse tooMany() {
        ApiResponse r = ApiResponse.tooManyRequests();
        Integer retryAfter = faults.limiterRetryAfter();
        return retryAfter == null ? r : r.withHeader("Retry-After", String.valueOf(retryAfter));
    }

    /** Runs an admitted call in {@code profile}; a part of a $batch acts in its batch's profile. */
    public ApiResponse execute(ApiRequest r, Grant g, ProfileData profile) {
        if (g.readOnly() && !r.method().equals("GET")) {
            return ApiResponse.unauthorized();
        }
        if (r.path().equals("/v1/$batch")) {
            if (r.inBatch()) {
                return ApiResponse.error(400, "A $batch request cannot contain another $batch request.");
            }
            return r.method().equals("POST") ? batch.handle(r, g, profile) : ApiResponse.methodNotAllowed(r.method());
        }
        if (r.inBatch()) {
            ApiResponse elsewhere = partInAnotherProfile(r, profile);
            if (elsewhere != null) {
                return elsewhere;
            }
        }
        if (r.inBatch() && (ALIASED.matcher(r.path()).matches() || r.path().matches("/v1/Orders\\(\\d+\\)/Export"))) {
            return ApiResponse.error(r.path().endsWith("/Export") ? settings.exportInBatchStatus : 400,
                    "The path '" + r.path() + "' is not allowed inside a $batch request.");
        }
        // a ProductUpload status poll may apply the file: it needs the write lock
        return underLock(r.method().equals("GET") && !r.path().equals("/v1/ProductUpload"), () -> route(r, g, profile));
    }

    /** A part that names another profile than its batch acts in is refused (400), not run elsewhere. */
    private static ApiResponse partInAnotherProfile(ApiRequest part, ProfileData profile) {
        Long named;
        try {
            named = RequestProfile.named(part);
        } catch (ApiError e) {
            return ApiResponse.error(e.status(), e.getMessage());
        }
        if (named == null || named == profile.id()) {
            return null;
        }
        return ApiResponse.error(400, "This part names profile " + named + " but its $batch acts in profile "
                + profile.id() + "; name the profile on the $batch URL (profileid=" + named + ").");
    }

    /** Runs {@code work} holding the state lock; first lets due adjustments finish so every call sees them. */
    public <T> T underLock(boolean readOnly, Supplier<T> work) {
        settleDueAdjustments();
        java.util.concurrent.locks.Lock l = readOnly ? lock.readLock() : lock.writeLock();
        l.lock();
        try {
            return work.get();
        } finally {
            if (!readOnly) {
                nextAdjustmentDue = nextAdjustmentDue();
            }
            l.unlock();
        }
    }

    /** Lets adjustments whose processing time has come reach their outcome, in every profile. */
    public void settleDueAdjustments() {
        if (nextAdjustmentDue > clock.millis()) {
            return;
        }
        lock.writeLock().lock();
        try {
            for (ProfileData p : profiles.all()) {
                p.orders().adjustments().processDue(clock.now());
            }
            nextAdjustmentDue = nextAdjustmentDue();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private long nextAdjustmentDue() {
        long next = Long.MAX_VALUE;
        for (ProfileData p : profiles.all()) {
            next = Math.min(next, p.orders().adjustments().nextDueMillis());
        }
        return next;
    }

    private ApiResponse route(ApiRequest r, Grant g, ProfileData profile) {
        try {
            ApiResponse response = dispatch(r, g, profile);
            return response != null ? response : ApiResponse.noRoute(baseUrl + r.rawUri());
        } catch (ApiError e) {
            return ApiResponse.error(e.status(), e.getMessage());
        } catch (ODataQueryException e) {
            return ApiResponse.error(400, e.getMessage());
        }
    }

    private ApiResponse dispatch(ApiRequest r, Grant g, ProfileData profile) {
        ProductStore products = profile.products();
        OrderStore orders = profile.orders();
        String path = r.path();
        String m = r.method();
        Instant now = clock.now();
        switch (path) {
            case "/v1/Products":
                return m.equals("GET") ? listProducts(r, products) : m.equals("POST") ? createProduct(r, products, now)
                        : notAllowed(m);
            case "/v1/Products/$count":
                return m.equals("GET") ? count(ProductStore.TEMPLATE, QueryOptions.parse(r.query()), products.all()) : notAllowed(m);
            case "/v1/Orders":
                if (m.equals("POST")) {
                    ObjectNode o = orders.create(r.json(), now);
                    ObjectNode doc = CaFormat.JSON.createObjectNode();
                    doc.put("@odata.context", baseUrl + "/v1/$metadata#Orders/$entity");
                    doc.setAll(EntityWriter.write(o, null, Expand.NONE, 0, null));
                    return ApiResponse.json(201, doc).withHeader("Location", baseUrl + "/v1/Orders(" + o.get("ID").asLong() + ")");
                }
                return m.equals("GET") ? listOrders(r, g, orders) : notAllowed(m);
            case "/v1/Orders/$count":
                return m.equals("GET") ? count(OrderStore.TEMPLATE, QueryOptions.parse(r.query()),
                        orders.visible(exported(r), g.applicationId())) : notAllowed(m);
            case "/v1/DistributionCenters":
                return m.equals("GET") ? distributionCenters(r, profile.id()) : notAllowed(m);
            case "/v1/ProductExport":
                return productExport(r, profile, now);
            case "/v1/ProductUpload":
                return productUpload(r, profile, now);
            case "/v1/Fulfillments":
                if (m.equals("POST")) {
                    ObjectNode f = orders.shipments().createFulfillment(r.json(), now);
                    ObjectNode doc = CaFormat.JSON.createObjectNode();
                    doc.put("@odata.context", baseUrl + "/v1/$metadata#Fulfillments/$entity");
                    doc.setAll(EntityWriter.write(f, null, Expand.NONE, 0, null));
                    return ApiResponse.json(201, doc);
                }
                return m.equals("GET") ? ApiResponse.json(200, CollectionQuery.run(collection(r, "Fulfillments", "Fulfillment",
                        FULFILLMENT_TEMPLATE, settings.orderPageSize, e -> null), QueryOptions.parse(r.query()), fulfillments(orders)))
                        : notAllowed(m);
            case "/v1/Profiles":
                return m.equals("GET") ? profiles(r, g) : notAllowed(m);
            case "/v1/AttributeValues":
                return m.equals("POST") ? createAttributeValue(r, products, now) : notAllowed(m);
            case "/v1/ProductLabels":
                return m.equals("POST") ? createLabel(r, products, now) : notAllowed(m);
            default:
                break;
        }
        Matcher x = PRODUCT.matcher(path);
        if (x.matches()) {
            long id = Long.parseLong(x.group(1));
            return switch (m) {
                case "GET" -> entity("Products/$entity", writeOne(r, products.get(id), ProductStore.TEMPLATE, ProductStore.TYPE));
                case "PUT", "PATCH" -> {
                    products.update(id, r.json(), now);
                    yield ApiResponse.noContent();
                }
                case "DELETE" -> {
                    products.delete(id);
                    yield ApiResponse.noContent();
                }
                default -> notAllowed(m);
            };
        }
        x = PRODUCT_NAMED.matcher(path);
        if (x.matches()) {
            return namedProductPart(r, products, Long.parseLong(x.group(1)), x.group(2), x.group(3).replace("''", "'"), now);
        }
        x = KEYED.matcher(path);
        if (x.matches()) {
            return namedProductPart(r, products, Long.parseLong(x.group(2)), x.group(1).equals("AttributeValues") ? "Attributes" : "Labels",
                    x.group(3).replace("''", "'"), now);
        }
        x = PRODUCT_ACTION.matcher(path);
        if (x.matches()) {
            return productAction(r, products, Long.parseLong(x.group(1)), x.group(2), now);
        }
        x = ORDER.matcher(path);
        if (x.matches()) {
            if (!m.equals("GET")) {
                return notAllowed(m);
            }
            ObjectNode o = orders.get(Long.parseLong(x.group(1)));
            QueryOptions q = QueryOptions.parse(r.query());
            Expand expand = q.expand().children().isEmpty() ? Expand.ALL : q.expand();
            EntityWriter.check(OrderStore.TEMPLATE, OrderStore.TYPE, q.select(), expand);
            return entity("Orders/$entity", EntityWriter.write(o, q.select(), expand, 0, null));
        }
        x = FULFILLMENT_ITEM_MOVE.matcher(path);
        if (x.matches()) {
            if (!m.equals("POST")) {
                return notAllowed(m);
            }
            orders.shipments().moveFulfillmentItem(Long.parseLong(x.group(1)), r.json(), now);
            return ApiResponse.noContent();
        }
        x = FULFILLMENT.matcher(path);
        if (x.matches()) {
            long id = Long.parseLong(x.group(1));
            if (m.equals("PUT") || m.equals("PATCH")) {
                orders.shipments().updateFulfillment(id, r.json(), now);
                return ApiResponse.noContent();
            }
            if (!m.equals("GET")) {
                return notAllowed(m);
            }
            ObjectNode f = fulfillments(orders).stream().filter(e -> e.get("ID").asLong() == id).findFirst()
                    .orElseThrow(() -> new ApiError(404, "Fulfillment with ID " + id + " was not found."));
            return entity("Fulfillments/$entity", writeOne(r, f, FULFILLMENT_TEMPLATE, "Fulfillment"));
        }
        x = ORDER_ACTION.matcher(path);
        if (x.matches()) {
            return orderAction(r, g, orders, Long.parseLong(x.group(1)), x.group(2), now);
        }
        x = ITEM_ADJUST.matcher(path);
        if (x.matches()) {
            if (!m.equals("POST")) {
                return notAllowed(m);
            }
            orders.adjustments().adjustItem(Long.parseLong(x.group(1)), optionalJson(r), now,
                    () -> faults.nextAdjustmentStatus(profile.id()));
            return ApiResponse.noContent();
        }
        return null;
    }

    // ---------------------------------------------------------------- products

    private ApiResponse listProducts(ApiRequest r, ProductStore products) {
        QueryOptions q = QueryOptions.parse(r.query());
        Collection<ObjectNode> candidates = products.all();
        String sku = q.filter() == null ? null : q.filter().equalityLiteral("Sku");
        if (sku != null) {
            ObjectNode hit = products.bySku(sku);
            candidates = hit == null ? List.of() : List.of(hit);
        }
        return ApiResponse.json(200, CollectionQuery.run(collection(r, "Products", ProductStore.TYPE, ProductStore.TEMPLATE,
                settings.productPageSize, p -> baseUrl + "/v1/Products(" + p.get("ID").asLong() + ")"), q, candidates));
    }

    private ApiResponse createProduct(ApiRequest r, ProductStore products, Instant now) {
        ObjectNode p = products.create(r.json(), now);
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("@odata.context", baseUrl + "/v1/$metadata#Products/$entity");
        doc.setAll(EntityWriter.write(p, null, Expand.NONE, 0, null));
        return ApiResponse.json(201, doc).withHeader("Location", baseUrl + "/v1/Products(" + p.get("ID").asLong() + ")");
    }

    private ApiResponse productAction(ApiRequest r, ProductStore products, long id, String action, Instant now) {
        String m = r.method();
        switch (action) {
            case "UpdateQuantity" -> {
                if (!m.equals("POST")) {
                    return notAllowed(m);
                }
                products.updateQuantity(id, r.json(), now);
                return ApiResponse.noContent();
            }
            case "UpdateAttributes" -> {
                if (!m.equals("POST")) {
                    return notAllowed(m);
                }
                products.updateAttributes(id, r.json(), now);
                return ApiResponse.noContent();
            }
            case "Attributes", "DCQuantities", "Images", "Labels" -> {
                if (!m.equals("GET")) {
                    return notAllowed(m);
                }
                ObjectNode p = products.get(id);
                ObjectNode template = (ObjectNode) ProductStore.TEMPLATE.get(action).get(0);
                return ApiResponse.json(200, CollectionQuery.run(collection(r, "Products(" + id + ")/" + action, action,
                        template, settings.productPageSize, e -> null), QueryOptions.parse(r.query()), elements(p.get(action))));
            }
            default -> {
                return null;
            }
        }
    }

    private ApiResponse namedProductPart(ApiRequest r, ProductStore products, long id, String kind, String name,
                                         Instant now) {
        String m = r.method();
        boolean attributes = kind.equals("Attributes");
        switch (m) {
            case "GET" -> {
                if (!attributes) {
                    return notAllowed(m);
                }
                return entity("AttributeValues/$entity", products.attribute(id, name).deepCopy());
            }
            case "PUT", "PATCH" -> {
                if (attributes) {
                    JsonNode body = r.json();
                    JsonNode v = body.isObject() ? body.get("Value") : body;
                    products.setAttribute(id, name, v == null || v.isNull() ? null : v.asText(), now);
                } else {
                    products.addLabel(id, name, now);
                }
                return ApiResponse.noContent();
            }
            case "DELETE" -> {
                if (attributes) {
                    products.deleteAttribute(id, name, now);
                } else {
                    products.removeLabel(id, name, now);
                }
                return ApiResponse.noContent();
            }
            default -> {
                return notAllowed(m);
            }
        }
    }

    private ApiResponse createAttributeValue(ApiRequest r, ProductStore products, Instant now) {
        JsonNode b = r.json();
        ObjectNode a = products.setAttribute(b.path("ProductID").asLong(-1), b.path("Name").asText(null),
                b.path("Value").isNull() ? null : b.path("Value").asText(null), now);
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("@odata.context", baseUrl + "/v1/$metadata#AttributeValues/$entity");
        doc.setAll(a);
        return ApiResponse.json(201, doc);
    }

    private ApiResponse createLabel(ApiRequest r, ProductStore products, Instant now) {
        JsonNode b = r.json();
        ObjectNode l = products.addLabel(b.path("ProductID").asLong(-1), b.path("Name").asText(null), now);
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("@odata.context", baseUrl + "/v1/$metadata#ProductLabels/$entity");
        doc.setAll(l);
        return ApiResponse.json(201, doc);
    }

    private ApiResponse distributionCenters(ApiRequest r, long profileId) {
        List<ObjectNode> dcs = new ArrayList<>();
        for (SandboxSettings.DistributionCenter dc : settings.distributionCenters) {
            ObjectNode n = CaFormat.JSON.createObjectNode();
            n.put("ID", dc.id()).put("ProfileID", profileId).put("Name", dc.name()).put("Code", dc.code())
                    .put("ContactName", (String) null).put("ContactEmail", (String) null).put("ContactPhone", (String) null)
                    .put("Address1", (String) null).put("Address2", (String) null).put("City", (String) null)
                    .put("StateOrProvince", (String) null).put("Country", "US").put("PostalCode", (String) null)
                    .put("PickupLocation", false).put("ShipLocation", true).put("Type", "Warehouse")
                    .put("IsExternallyManaged", false).put("IsDeleted", false).put("DeletedDateUtc", (String) null);
            dcs.add(n);
        }
        return ApiResponse.json(200, CollectionQuery.run(collection(r, "DistributionCenters", "DistributionCenter",
                dcs.get(0), 100, e -> null), QueryOptions.parse(r.query()), dcs));
    }

    /** The profiles the token covers, whichever profile the call acts in. */
    private ApiResponse profiles(ApiRequest r, Grant g) {
        List<ObjectNode> list = new ArrayList<>();
        for (long id : g.profileIds()) {
            if (profiles.get(id) == null) {
                continue;
            }
            ObjectNode p = CaFormat.JSON.createObjectNode();
            p.put("ID", id).put("AccountName", id == profiles.first().id() ? "Channel Bridge Sandbox"
                            : "Channel Bridge Sandbox " + id).put("CompanyName", "Sandbox Retail")
                    .put("IsDisabled", false).put("DefaultCurrencyCode", "USD").put("TimeZoneName", "UTC");
            list.add(p);
        }
        return ApiResponse.json(200, CollectionQuery.run(collection(r, "Profiles", "Profile", list.get(0), 100, e -> null),
                QueryOptions.parse(r.query()), list));
    }

    private ApiResponse productExport(ApiRequest r, ProfileData profile, Instant now) {
        String fileBase = baseUrl + "/sandbox/exports";
        switch (r.method()) {
            case "POST" -> {
                ObjectNode started = profile.exports().start(profile.products().all(), now, fileBase);
                return started == null ? tooMany() : ApiResponse.json(202, started);
            }
            case "GET" -> {
                return ApiResponse.json(200, profile.exports().poll(r.param("token"), fileBase));
            }
            default -> {
                return notAllowed(r.method());
            }
        }
    }

    private ApiResponse productUpload(ApiRequest r, ProfileData profile, Instant now) {
        if (r.inBatch()) {
            return ApiResponse.error(400, "ProductUpload is not allowed inside a $batch request.");
        }
        switch (r.method()) {
            case "POST" -> {
                ObjectNode started = profile.uploads().start(r.param("templatecode"), r.param("importtype"), r.body(), now);
                return started == null ? tooMany() : ApiResponse.json(202, started);
            }
            case "GET" -> {
                return ApiResponse.json(200, profile.uploads().poll(r.param("token"), now));
            }
            default -> {
                return notAllowed(r.method());
            }
        }
    }

    // ---------------------------------------------------------------- orders

    private static List<ObjectNode> fulfillments(OrderStore orders) {
        List<ObjectNode> all = new ArrayList<>();
        for (ObjectNode o : orders.all()) {
            o.get("Fulfillments").forEach(f -> all.add((ObjectNode) f));
        }
        return all;
    }

    private ApiResponse listOrders(ApiRequest r, Grant g, OrderStore orders) {
        QueryOptions q = QueryOptions.parse(r.query());
        return ApiResponse.json(200, CollectionQuery.run(collection(r, "Orders", OrderStore.TYPE, OrderStore.TEMPLATE,
                        settings.orderPageSize, o -> baseUrl + "/v1/Orders(" + o.get("ID").asLong() + ")"), q,
                orders.visible(exported(r), g.applicationId())));
    }

    private static Boolean exported(ApiRequest r) {
        String v = r.param("exported");
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v.toLowerCase());
        }
        throw new ApiError(400, "The value '" + v + "' is not valid for exported; use true or false.");
    }

    private ApiResponse orderAction(ApiRequest r, Grant g, OrderStore orders, long id, String action, Instant now) {
        String m = r.method();
        switch (action) {
            case "Export" -> {
                if (m.equals("POST")) {
                    orders.export(id, g.applicationId());
                } else if (m.equals("DELETE")) {
                    orders.unexport(id, g.applicationId());
                } else {
                    return notAllowed(m);
                }
                return ApiResponse.noContent();
            }
            case "Ship" -> {
                if (!m.equals("POST")) {
                    return notAllowed(m);
                }
                orders.shipments().ship(id, r.json(), now);
                return ApiResponse.noContent();
            }
            case "Adjust" -> {
                if (!m.equals("POST")) {
                    return notAllowed(m);
                }
                orders.adjustments().adjustOrder(id, optionalJson(r), now,
                        () -> faults.nextAdjustmentStatus(orders.profileId()));
                return ApiResponse.noContent();
            }
            case "Items", "Fulfillments", "Adjustments" -> {
                if (!m.equals("GET")) {
                    return notAllowed(m);
                }
                ObjectNode o = orders.get(id);
                ObjectNode template = (ObjectNode) OrderStore.TEMPLATE.get(action).get(0);
                return ApiResponse.json(200, CollectionQuery.run(collection(r, "Orders(" + id + ")/" + action, action,
                        template, settings.orderPageSize, e -> null), QueryOptions.parse(r.query()), elements(o.get(action))));
            }
            default -> {
                return null;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private CollectionQuery.Request collection(ApiRequest r, String entitySet, String type, ObjectNode template,
                                               int pageSize, java.util.function.Function<ObjectNode, String> selfUrl) {
        return new CollectionQuery.Request(baseUrl, entitySet, type, template, baseUrl + r.path(), r.query(), pageSize,
                settings.expandedCollectionCap, selfUrl);
    }

    private static List<ObjectNode> elements(JsonNode array) {
        List<ObjectNode> list = new ArrayList<>();
        array.forEach(e -> list.add((ObjectNode) e));
        return list;
    }

    private static ObjectNode writeOne(ApiRequest r, ObjectNode stored, ObjectNode template, String type) {
        QueryOptions q = QueryOptions.parse(r.query());
        EntityWriter.check(template, type, q.select(), q.expand());
        return EntityWriter.write(stored, q.select(), q.expand(), 0, null);
    }

    private ApiResponse entity(String context, ObjectNode body) {
        ObjectNode doc = CaFormat.JSON.createObjectNode();
        doc.put("@odata.context", baseUrl + "/v1/$metadata#" + context);
        doc.setAll(body);
        return ApiResponse.json(200, doc);
    }

    private static ApiResponse count(ObjectNode template, QueryOptions q, Iterable<ObjectNode> entities) {
        CollectionQuery.checkAgainst(template, q);
        return ApiResponse.text(200, String.valueOf(CollectionQuery.matching(q, entities).size()));
    }

    private static JsonNode optionalJson(ApiRequest r) {
        return r.body() == null || r.body().length == 0 ? null : r.json();
    }

    private static ApiResponse notAllowed(String method) {
        return ApiResponse.methodNotAllowed(method);
    }

    // ---------------------------------------------------------------- used by the admin API and the FTP inbox

    public Profiles profiles() {
        return profiles;
    }

    public Map<String, Object> limiterView() {
        return Map.of("rejected", limiter.rejected(), "highestConcurrency", limiter.highestConcurrency(),
                "highestPerMinuteByProfile", limiter.highestPerMinuteByProfile(), "inFlight", limiter.inFlight());
    }

    /** One profile's limits: its busiest sliding minute, and per application its highest and current concurrency. */
    Map<String, Object> limiterView(long profileId) {
        return Map.of("highestPerMinute", limiter.highestPerMinute(profileId),
                "highestConcurrency", limiter.highestConcurrency(profileId), "inFlight", limiter.inFlight(profileId));
    }

    /** The ZIP of a finished product export, whichever profile it was made in; null when there is none. */
    byte[] exportFile(String token) {
        for (ProfileData p : profiles.all()) {
            byte[] zip = p.exports().file(token);
            if (zip != null) {
                return zip;
            }
        }
        return null;
    }

    FaultInjector faults() {
        return faults;
    }

    RequestLimiter limiter() {
        return limiter;
    }
}
