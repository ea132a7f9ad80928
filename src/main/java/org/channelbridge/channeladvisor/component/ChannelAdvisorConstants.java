package org.channelbridge.channeladvisor.component;

import org.apache.camel.spi.Metadata;

/** The message headers the {@code channeladvisor} component reads and sets. */
public final class ChannelAdvisorConstants {

    @Metadata(label = "producer", javaType = "long", description = "The ChannelAdvisor order ID: read by orders/get,"
            + " orders/export, orders/ship and orders/adjust; set by the orders consumer on each exchange.")
    public static final String ORDER_ID = "CamelChannelAdvisorOrderId";

    @Metadata(label = "producer", javaType = "long", description = "The ChannelAdvisor order item ID: when present,"
            + " orders/adjust adjusts this item instead of the whole order.")
    public static final String ORDER_ITEM_ID = "CamelChannelAdvisorOrderItemId";

    @Metadata(label = "producer", javaType = "String", description = "The Sku products/find looks up.")
    public static final String SKU = "CamelChannelAdvisorSku";

    @Metadata(label = "producer", javaType = "long", description = "The ChannelAdvisor product ID: set by"
            + " products/create, and by products/find when the Sku exists (removed when it does not).")
    public static final String PRODUCT_ID = "CamelChannelAdvisorProductId";

    @Metadata(label = "producer", javaType = "String", description = "The token ChannelAdvisor gave a ProductUpload:"
            + " set by products/upload, read by products/upload-status.")
    public static final String UPLOAD_TOKEN = "CamelChannelAdvisorUploadToken";

    @Metadata(label = "producer", javaType = "String", description = "The path below the API URL that get reads,"
            + " e.g. /v1/Products(5) or /v1/DistributionCenters?$select=ID; overrides the endpoint's path option.")
    public static final String PATH = "CamelChannelAdvisorPath";

    @Metadata(label = "producer", javaType = "int", description = "The HTTP status ChannelAdvisor answered, after an"
            + " operation whose answer is its result (orders/get, products/upload, products/upload-status, get).")
    public static final String RESPONSE_CODE = "CamelChannelAdvisorResponseCode";

    private ChannelAdvisorConstants() {
    }
}
