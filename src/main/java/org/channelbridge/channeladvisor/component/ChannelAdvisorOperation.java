package org.channelbridge.channeladvisor.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a {@code channeladvisor:<resource>[/<action>]} endpoint does, named as in its URI. */
public enum ChannelAdvisorOperation {
    ORDERS("orders"),
    ORDERS_GET("orders/get"),
    ORDERS_EXPORT("orders/export"),
    ORDERS_SHIP("orders/ship"),
    ORDERS_ADJUST("orders/adjust"),
    PRODUCTS_FIND("products/find"),
    PRODUCTS_CREATE("products/create"),
    PRODUCTS_BATCH("products/batch"),
    PRODUCTS_UPLOAD("products/upload"),
    PRODUCTS_UPLOAD_STATUS("products/upload-status"),
    GET("get");

    private final String uriName;

    ChannelAdvisorOperation(String uriName) {
        this.uriName = uriName;
    }

    public String uriName() {
        return uriName;
    }

    /** The operation a URI's path names ({@code orders/export}); a trailing slash is ignored. */
    public static ChannelAdvisorOperation of(String resourceAndAction) {
        String name = resourceAndAction == null ? "" : resourceAndAction.strip();
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        for (ChannelAdvisorOperation operation : values()) {
            if (operation.uriName.equals(name)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("channeladvisor:" + name + " names no operation; the component offers "
                + Arrays.stream(values()).map(ChannelAdvisorOperation::uriName).collect(Collectors.joining(", "))
                + ".");
    }

    @Override
    public String toString() {
        return uriName;
    }
}
