package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.channelbridge.channeladvisor.BatchPart;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The ChannelAdvisor request for each part of a product change: POST /v1/Products with the fields of a new product
 * (quantity and attributes follow it as parts of their own, as ChannelAdvisor's "Flow of Product Creation" has it),
 * PATCH of the changed fields, UpdateQuantity ({@code products.quantity-update-type}, to the configured distribution
 * center), UpdateAttributes with the new or changed attributes.
 */
public final class ProductParts {

    private final long profileId;
    private final int distributionCenterId;
    private final String quantityUpdateType;

    public ProductParts(long profileId, int distributionCenterId) {
        this(profileId, distributionCenterId, "Absolute");
    }

    public ProductParts(long profileId, int distributionCenterId, String quantityUpdateType) {
        this.profileId = profileId;
        this.distributionCenterId = distributionCenterId;
        this.quantityUpdateType = QuantityUpdateType.named(quantityUpdateType);
    }

    /** {@code id} ties the answer to the part inside one batch; Skus are never used there (they may hold quotes). */
    public BatchPart of(String id, ProductChange change, ProductChange.Part part) {
        ProductValues target = change.target();
        return switch (part) {
            case CREATE -> BatchPart.post(id, "/v1/Products", createBody(change.sku(), target));
            case FIELDS -> BatchPart.patch(id, productPath(change), fieldsNode(target.changedFields(change.base())));
            case QUANTITY -> BatchPart.post(id, productPath(change) + "/UpdateQuantity", quantityBody(target.quantity()));
            case ATTRIBUTES -> BatchPart.post(id, productPath(change) + "/UpdateAttributes",
                    attributesBody(target.changedAttributes(change.base())));
        };
    }

    ObjectNode createBody(String sku, ProductValues target) {
        ObjectNode body = fieldsNode(target.fields());
        body.put("Sku", sku);
        if (profileId > 0) {
            body.put("ProfileID", profileId);
        }
        return body;
    }

    ObjectNode quantityBody(int quantity) {
        ObjectNode body = ProductValues.JSON.createObjectNode();
        ObjectNode value = body.putObject("Value");
        value.put("UpdateType", quantityUpdateType);
        value.putArray("Updates").addObject().put("DistributionCenterID", distributionCenterId)
                .put("Quantity", quantity);
        return body;
    }

    static ObjectNode attributesBody(Map<String, String> attributes) {
        ObjectNode body = ProductValues.JSON.createObjectNode();
        ArrayNode list = body.putObject("Value").putArray("Attributes");
        attributes.forEach((name, value) -> list.addObject().put("Name", name).put("Value", value));
        return body;
    }

    static ObjectNode fieldsNode(Map<String, Object> fields) {
        ObjectNode node = ProductValues.JSON.createObjectNode();
        fields.forEach((name, value) -> {
            if (value == null) {
                node.putNull(name);
            } else if (value instanceof BigDecimal decimal) {
                node.put(name, decimal);
            } else {
                node.put(name, value.toString());
            }
        });
        return node;
    }

    private static String productPath(ProductChange change) {
        return "/v1/Products(" + change.caProductId() + ")";
    }
}
