package org.channelbridge.channeladvisor.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.channelbridge.channeladvisor.BatchPart;
import org.channelbridge.channeladvisor.CaResponse;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ODataQuery;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls the client for the endpoint's operation. Whatever the client throws (its typed ChannelAdvisor exceptions)
 * leaves this producer unchanged, so the route's {@code onException} clauses decide about redelivery.
 */
public class ChannelAdvisorProducer extends DefaultProducer {

    /** ProductUpload takes at most 128 MB a request. */
    static final long MAX_UPLOAD_BYTES = 128L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelAdvisorEndpoint endpoint;

    public ChannelAdvisorProducer(ChannelAdvisorEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ChannelAdvisorClient client = endpoint.client();
        Message message = exchange.getMessage();
        switch (endpoint.operation()) {
            case ORDERS -> {
                Iterator<JsonNode> orders = client.orders(endpoint.ordersFilter(), endpoint.ordersExpand());
                // the first page is read here, so ChannelAdvisor failing at once fails this step, not the split
                orders.hasNext();
                message.setBody(orders);
            }
            case ORDERS_GET -> {
                String expand = endpoint.expandOption() == null ? ChannelAdvisorClient.FULL_ORDER_EXPAND
                        : endpoint.expandOption();
                CaResponse answer = client.send("GET",
                        ODataQuery.of("Orders(" + orderIdOf(exchange, true) + ")").expand(expand).toString(), null);
                answered(message, answer);
                message.setBody(answer.json());
            }
            case ORDERS_EXPORT -> client.exportOrder(orderIdOf(exchange, false));
            case ORDERS_SHIP -> client.shipOrder(orderIdOf(exchange, false), objectBody(exchange));
            case ORDERS_ADJUST -> {
                ObjectNode body = objectBody(exchange);
                Long itemId = longHeader(exchange, ChannelAdvisorConstants.ORDER_ITEM_ID);
                if (itemId != null) {
                    client.adjustOrderItem(itemId, body);
                } else {
                    client.adjustOrder(orderIdOf(exchange, false), body);
                }
            }
            case PRODUCTS_FIND -> {
                Optional<Long> id = client.findProductBySku(requiredText(exchange, ChannelAdvisorConstants.SKU));
                if (id.isPresent()) {
                    message.setHeader(ChannelAdvisorConstants.PRODUCT_ID, id.get());
                } else {
                    message.removeHeader(ChannelAdvisorConstants.PRODUCT_ID);
                }
            }
            case PRODUCTS_CREATE ->
                    message.setHeader(ChannelAdvisorConstants.PRODUCT_ID, client.createProduct(objectBody(exchange)));
            case PRODUCTS_BATCH -> {
                List<BatchPart> parts = batchParts(exchange);
                message.setBody(parts.isEmpty() ? List.of() : client.batch(parts));
            }
            case PRODUCTS_UPLOAD -> upload(exchange, client);
            case PRODUCTS_UPLOAD_STATUS -> {
                CaResponse answer = client.send("GET", ODataQuery.of("ProductUpload")
                        .param("token", requiredText(exchange, ChannelAdvisorConstants.UPLOAD_TOKEN)).toString(), null);
                answered(message, answer);
                message.setBody(answer.json());
            }
            case GET -> {
                String path = message.getHeader(ChannelAdvisorConstants.PATH, endpoint.getPath(), String.class);
                if (path == null || path.isBlank()) {
                    throw new IllegalArgumentException("channeladvisor:get needs a path: the option path or the"
                            + " header " + ChannelAdvisorConstants.PATH + ".");
                }
                CaResponse answer = client.send("GET", path, null);
                answered(message, answer);
                message.setBody(answer.json());
            }
        }
    }

    private void upload(Exchange exchange, ChannelAdvisorClient client) throws Exception {
        String template = endpoint.getTemplateCode();
        if (template == null || template.isBlank()) {
            throw new IllegalStateException("channeladvisor:products/upload needs templateCode, the name of a product"
                    + " upload template defined in ChannelAdvisor.");
        }
        byte[] file = exchange.getMessage().getMandatoryBody(byte[].class);
        if (file.length > MAX_UPLOAD_BYTES) {
            throw new IllegalArgumentException("The file of " + file.length + " bytes is larger than the 128 MB"
                    + " ProductUpload takes.");
        }
        ODataQuery query = ODataQuery.of("ProductUpload");
        long profileId = endpoint.uploadProfileId();
        if (profileId > 0) {
            query.param("profileid", Long.toString(profileId));
        }
        query.param("templatecode", template.strip()).param("importtype", endpoint.getImportType());
        CaResponse answer = client.upload(query.toString(), "text/plain; charset=utf-8", file);
        String token = answer.json().path("Token").asText("");
        if (token.isEmpty()) {
            throw new IllegalStateException("ChannelAdvisor accepted the ProductUpload but answered no Token.");
        }
        answered(exchange.getMessage(), answer);
        exchange.getMessage().setHeader(ChannelAdvisorConstants.UPLOAD_TOKEN, token);
    }

    private static void answered(Message message, CaResponse answer) {
        message.setHeader(ChannelAdvisorConstants.RESPONSE_CODE, answer.status());
    }

    /** The order ID from its header; for orders/get a number in the body will do as well. */
    private long orderIdOf(Exchange exchange, boolean bodyWillDo) {
        Long id = longHeader(exchange, ChannelAdvisorConstants.ORDER_ID);
        if (id == null && bodyWillDo) {
            id = wholeNumber(exchange, "the body", exchange.getMessage().getBody());
        }
        if (id == null) {
            throw new IllegalArgumentException("channeladvisor:" + endpoint.operation() + " needs the order ID in the"
                    + " header " + ChannelAdvisorConstants.ORDER_ID + (bodyWillDo ? " or the body." : "."));
        }
        return id;
    }

    /** A header holding a whole number (a number, its text, or a JSON number); null when absent. */
    private static Long longHeader(Exchange exchange, String name) {
        return wholeNumber(exchange, "the header " + name, exchange.getMessage().getHeader(name));
    }

    private static Long wholeNumber(Exchange exchange, String where, Object value) {
        Object plain = value instanceof JsonNode json ? (json.isNull() || json.isMissingNode() ? null : json.asText())
                : value;
        if (plain == null || (plain instanceof String text && text.isBlank())) {
            return null;
        }
        Long number = exchange.getContext().getTypeConverter().tryConvertTo(Long.class, exchange,
                plain instanceof String text ? text.strip() : plain);
        if (number == null) {
            throw new IllegalArgumentException(where + " is '" + plain + "', not a whole number.");
        }
        return number;
    }

    private String requiredText(Exchange exchange, String header) {
        Object value = exchange.getMessage().getHeader(header);
        String text = value instanceof JsonNode json ? json.asText() : value == null ? null : value.toString();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("channeladvisor:" + endpoint.operation() + " needs the header "
                    + header + ".");
        }
        return text.strip();
    }

    /** The body as a JSON object: a JsonNode object as it is, a Map, or JSON text, bytes or a stream. */
    private ObjectNode objectBody(Exchange exchange) throws IOException {
        Object body = exchange.getMessage().getBody();
        JsonNode json;
        if (body instanceof JsonNode node) {
            json = node;
        } else if (body instanceof Map<?, ?> map) {
            json = JSON.valueToTree(map);
        } else if (body instanceof String text) {
            json = JSON.readTree(text);
        } else if (body instanceof byte[] bytes) {
            json = JSON.readTree(bytes);
        } else if (body instanceof InputStream stream) {
            json = JSON.readTree(stream);
        } else {
            json = null;
        }
        if (json instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("channeladvisor:" + endpoint.operation() + " needs a JSON object as the"
                + " body, not " + (body == null ? "an empty body" : "a " + body.getClass().getSimpleName()) + ".");
    }

    private List<BatchPart> batchParts(Exchange exchange) throws Exception {
        List<?> body = exchange.getMessage().getMandatoryBody(List.class);
        List<BatchPart> parts = new ArrayList<>(body.size());
        for (Object part : body) {
            if (!(part instanceof BatchPart batchPart)) {
                throw new IllegalArgumentException("channeladvisor:products/batch needs a list of BatchPart as the"
                        + " body; it holds a " + (part == null ? "null" : part.getClass().getSimpleName()) + ".");
            }
            parts.add(batchPart);
        }
        return parts;
    }
}
