package org.channelbridge.sandbox.profiles;

import org.channelbridge.sandbox.SandboxSettings;
import org.channelbridge.sandbox.orders.OrderNumbering;
import org.channelbridge.sandbox.orders.OrderStore;
import org.channelbridge.sandbox.products.ProductExports;
import org.channelbridge.sandbox.products.ProductIds;
import org.channelbridge.sandbox.products.ProductStore;
import org.channelbridge.sandbox.products.ProductUploads;

/**
 * Everything one ChannelAdvisor profile (account) holds: its catalog, its orders with their fulfillments and
 * adjustments, its product exports and its product uploads. Nothing here is seen from another profile.
 */
public final class ProfileData {
    private final long id;
    private final ProductStore products;
    private final OrderStore orders;
    private final ProductExports exports = new ProductExports();
    private final ProductUploads uploads;

    ProfileData(SandboxSettings settings, long id, ProductIds productIds, OrderNumbering numbering) {
        this.id = id;
        this.products = new ProductStore(settings, id, productIds);
        this.orders = new OrderStore(settings, products, numbering);
        this.uploads = new ProductUploads(settings, products);
    }

    public long id() {
        return id;
    }

    public ProductStore products() {
        return products;
    }

    public OrderStore orders() {
        return orders;
    }

    public ProductExports exports() {
        return exports;
    }

    public ProductUploads uploads() {
        return uploads;
    }

    void reset() {
        products.reset();
        orders.reset();
        exports.reset();
        uploads.reset();
    }
}
