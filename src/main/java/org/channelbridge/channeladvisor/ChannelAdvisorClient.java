package org.channelbridge.channeladvisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The ChannelAdvisor REST API as the flows use it. Every call goes through the shared {@link RequestBudget}; a 401
 * is answered by one token refresh and one retry; everything else that fails is thrown at once as a classified
 * {@link ChannelAdvisorException} so the route's error handler owns every other retry and every wait. Thread-safe.
 */
public final class ChannelAdvisorClient implements AutoCloseable {

    /** Everything about an order: items with promotions, fulfillments with items, adjustments, custom fields. */
    public static final String FULL_ORDER_EXPAND =
            "Items($expand=Promotions),Fulfillments($expand=Items),Adjustments,CustomFields";

    private static final Duration DEFAULT_THROTTLE_PAUSE = Duration.ofSeconds(1);

    private final ChannelAdvisorSettings settings;
    private final HttpTransport transport;
    private final AccessTokenProvider tokens;
    private final RequestBudget budget;
    private final BatchRequestWriter batchWriter;
    private final BatchResponseReader batchReader;
    private final ODataPager pager;

    public ChannelAdvisorClient(ChannelAdvisorSettings settings, HttpTransport transport, AccessTokenProvider tokens,
                                RequestBudget budget) {
        this(settings, transport, tokens, budget, ODataPager.PageRetry.DEFAULT);
    }

    public ChannelAdvisorClient(ChannelAdvisorSettings settings, HttpTransport transport, AccessTokenProvider tokens,
                                RequestBudget budget, ODataPager.PageRetry pageRetry) {
        this.settings = settings;
        this.transport = transport;
        this.tokens = tokens;
        this.budget = budget;
        this.batchWriter = new BatchRequestWriter(settings.apiUrl(), settings.batchSize());
        this.batchReader = new BatchResponseReader(settings.apiUrl());
        this.pager = new ODataPager(url -> call("GET", url, null, null, 1).response().json(), pageRetry, budget);
    }

    /** A client with its own transport, token provider and budget, wired from the settings. */
    public static ChannelAdvisorClient create(CamelContext context, ChannelAdvisorSettings settings) {
        return create(context, settings, ODataPager.PageRetry.DEFAULT);
    }

    public static ChannelAdvisorClient create(CamelContext context, ChannelAdvisorSettings settings,
                                              ODataPager.PageRetry pageRetry) {
        HttpTransport transport = new HttpTransport(context, settings);
        return new ChannelAdvisorClient(settings, transport, new AccessTokenProvider(settings, transport),
                RequestBudget.of(settings), pageRetry);
    }

    /** GET of a path below the API URL ({@code /v1/Products(5)}) or an absolute URL; returns the JSON body. */
    public JsonNode get(String pathAndQuery) {
        return call("GET", url(pathAndQuery), null, null, 1).response().json();
    }

    /** Any method with an optional JSON body; returns the answer (2xx only: anything else is thrown). */
    public CaResponse send(String method, String pathAndQuery, JsonNode body) {
        byte[] bytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
        return call(method.toUpperCase(Locale.ROOT), url(pathAndQuery),
                body == null ? null : "application/json", bytes, 1).response();
    }

    /** A POST whose body is a file ({@code ProductUpload}); returns the answer (2xx only: anything else is thrown). */
    public CaResponse upload(String pathAndQuery, String contentType, byte[] file) {
        return call("POST", url(pathAndQuery), contentType, file, 1).response();
    }

    /** Every entity of a collection, following each nextLink; returns how many there were. */
    public long forEach(String pathAndQuery, Consumer<JsonNode> onEntity) {
        return pager.forEach(url(pathAndQuery), onEntity);
    }

    /**
     * Every order not yet exported by this application that matches {@code filter} (blank: all), with
     * {@code expand} (blank: none). Expanded collections may be cut at 20: see {@link #hasTruncatedCollections}.
     */
    public long forEachOrder(String filter, String expand, Consumer<JsonNode> onOrder) {
        return forEach(ODataQuery.of("Orders").param("exported", "false").filter(filter).expand(expand).toString(),
                onOrder);
    }

    /**
     * The same orders as {@link #forEachOrder}, read a page at a time as the caller advances (for a streaming
     * split over a backlog of any size).
     */
    public Iterator<JsonNode> orders(String filter, String expand) {
        return pager.iterate(url(ODataQuery.of("Orders").param("exported", "false").filter(filter).expand(expand)
                .toString()));
    }

    /** One order with everything expanded (collections are never cut when fetched by id). */
    public JsonNode getOrder(long orderId) {
        return get(ODataQuery.of("Orders(" + orderId + ")").expand(FULL_ORDER_EXPAND).toString());
    }

    /** Marks the order exported for this application (idempotent); never part of a batch. */
    public void exportOrder(long orderId) {
        send("POST", "/v1/Orders(" + orderId + ")/Export", null);
    }

    /** Ships the whole order (no Items) or the listed items; {@code value} is the ShipOrderRequest. */
    public void shipOrder(long orderId, ObjectNode value) {
        ObjectNode body = CaResponse.JSON.createObjectNode();
        body.set("Value", value);
        send("POST", "/v1/Orders(" + orderId + ")/Ship", body);
    }

    /** Order-level cancellation or refund; {@code body} holds Reason, SellerAdjustmentID, amounts... */
    public void adjustOrder(long orderId, ObjectNode body) {
        send("POST", "/v1/Orders(" + orderId + ")/Adjust", body);
    }

    /** Item-level cancellation or refund; {@code body} holds Quantity, Reason, SellerAdjustmentID, amounts... */
    public void adjustOrderItem(long orderItemId, ObjectNode body) {
        send("POST", "/v1/OrderItems(" + orderItemId + ")/Adjust", body);
    }

    /** ChannelAdvisor's product ID for a Sku, or empty when there is no such product. */
    public Optional<Long> findProductBySku(String sku) {
        JsonNode page = get(ODataQuery.of("Products").filter(ODataFilter.eq("Sku", sku)).select("ID,Sku").toString());
        for (JsonNode product : page.path("value")) {
            if (product.path("Sku").asText().equalsIgnoreCase(sku)) {
                return Optional.of(product.path("ID").asLong());
            }
        }
        return Optional.empty();
    }

    /** Creates a product (ProfileID added when missing) and returns its new ID. */
    public long createProduct(ObjectNode product) {
        ObjectNode body = product.deepCopy();
        if (!body.hasNonNull("ProfileID") && settings.profileId() > 0) {
            body.put("ProfileID", settings.profileId());
        }
        JsonNode created = send("POST", "/v1/Products", body).json();
        if (!created.path("ID").canConvertToLong()) {
            throw new ChannelAdvisorUnavailableException("ChannelAdvisor created a product for POST /v1/Products "
                    + "but did not return its ID.", 201, "", null);
        }
        return created.path("ID").asLong();
    }

    /**
     * Sends the parts in one {@code $batch} (costs parts + 1 against the budget) and returns one result per part, in
     * order. Never retried here: a 429 on the whole batch is thrown; shrink with {@link AdaptiveBatchSize}.
     *
     * @throws IllegalArgumentException when there are more parts than {@code channeladvisor.batch-size}
     */
    public List<BatchPartResult> batch(List<BatchPart> parts) {
        BatchRequestWriter.Written written = batchWriter.write(parts);
        Answer answer = call("POST", inProfile(settings.apiUrl() + "/v1/$batch"), written.contentType(), written.body(),
                parts.size() + 1);
        List<BatchPartResult> results = batchReader.read(answer.response(), parts);
        boolean throttled = false;
        for (BatchPartResult result : results) {
            if (result.status() == 401) {
                tokens.invalidate(answer.token());
            }
            throttled |= result.outcome() == BatchPartResult.Outcome.THROTTLED;
        }
        if (throttled) {
            budget.pauseFor(DEFAULT_THROTTLE_PAUSE);
        }
        return results;
    }

    public int maxBatchSize() {
        return settings.batchSize();
    }

    /** True when an expanded collection of this entity was cut short (it carries a per-collection nextLink). */
    public static boolean hasTruncatedCollections(JsonNode entity) {
        var names = entity.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.endsWith("@odata.nextLink")) {
                return true;
            }
        }
        return false;
    }

    public ChannelAdvisorSettings settings() {
        return settings;
    }

    public RequestBudget budget() {
        return budget;
    }

    public AccessTokenProvider tokens() {
        return tokens;
    }

    @Override
    public void close() {
        transport.close();
    }

    private record Answer(CaResponse response, String token) {
    }

    private Answer call(String method, String url, String contentType, byte[] body, int cost) {
        // the token first: a refresh must not sit on a concurrency slot or skew the rate window
        String token = tokens.accessToken();
        try (RequestBudget.Permit ignored = budget.enter(cost)) {
            CaResponse response = transport.send(method, AccessTokenParameter.replace(url, token),
                    headers(token, contentType), body);
            if (response.status() == 401) {
                tokens.invalidate(token);
                token = tokens.accessToken();
                budget.acquire(cost);
                response = transport.send(method, AccessTokenParameter.replace(url, token),
                        headers(token, contentType), body);
            }
            if (response.isSuccess()) {
                return new Answer(response, token);
            }
            ChannelAdvisorException failure = ErrorClassifier.classify(method, url, response);
            if (failure instanceof ChannelAdvisorThrottledException throttled) {
                Duration pause = throttled.retryAfter().orElse(DEFAULT_THROTTLE_PAUSE);
                budget.pauseFor(pause.compareTo(settings.maxPause()) > 0 ? settings.maxPause() : pause);
            }
            throw failure;
        }
    }

    private Map<String, String> headers(String token, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Accept", "application/json");
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private String url(String pathAndQuery) {
        String link = ODataPager.uriText(pathAndQuery.strip());
        if (link.startsWith("http://") || link.startsWith("https://")) {
            return inProfile(link);
        }
        if (link.startsWith("/")) {
            return inProfile(settings.apiUrl() + link);
        }
        return inProfile(settings.apiUrl() + "/v1/" + link);
    }

    /**
     * A {@code /v1} URL that names this client's profile ({@code profileid}) when the settings say calls name it and
     * it names none yet: one token may cover several profiles, and a call that names none acts in the token's first.
     */
    private String inProfile(String url) {
        if (!settings.profileNamedInCalls() || settings.profileId() <= 0 || !url.startsWith(settings.apiUrl() + "/v1/")) {
            return url;
        }
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                if (parameter.toLowerCase(Locale.ROOT).startsWith("profileid=")) {
                    return url;
                }
            }
        }
        return url + (query < 0 ? "?" : "&") + "profileid=" + settings.profileId();
    }
}
