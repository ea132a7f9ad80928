package org.channelbridge.channeladvisor.component;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ReadyOrderFilter;

import java.util.Map;

/**
 * The {@code channeladvisor:} component: ChannelAdvisor's orders and products as Camel endpoints, on top of one
 * {@link ChannelAdvisorClient} per profile (its token, its request budget, its paging and {@code $batch}). The
 * component adds no retry and no wait of its own: every failure is the client's typed exception, left for the
 * route's {@code onException}.
 */
@Component("channeladvisor")
public class ChannelAdvisorComponent extends DefaultComponent {

    /** The configuration keys {@code filter=ready} is built from, when the component's own options are not set. */
    static final String PAYMENT_STATUSES_KEY = "orders.ready.payment-statuses";
    static final String CHECKOUT_STATUSES_KEY = "orders.ready.checkout-statuses";
    static final String SHIPPING_STATUSES_KEY = "orders.ready.shipping-statuses";
    static final String EXTRA_FILTER_KEY = "orders.ready.extra-filter";

    @Metadata(autowired = true, description = "The ChannelAdvisor client every endpoint uses unless it names its own"
            + " with client=#bean; taken from the registry when it holds exactly one.")
    private ChannelAdvisorClient client;

    @Metadata(label = "consumer,producer", description = "Payment statuses (comma-separated) an order must have one"
            + " of for filter=ready. Default: the property orders.ready.payment-statuses, else Cleared.")
    private String readyPaymentStatuses;

    @Metadata(label = "consumer,producer", description = "Checkout statuses (comma-separated) for filter=ready."
            + " Default: the property orders.ready.checkout-statuses, else"
            + " Completed,CompletedAndVisited,CompletedOffline.")
    private String readyCheckoutStatuses;

    @Metadata(label = "consumer,producer", description = "Shipping statuses (comma-separated) for filter=ready."
            + " Default: the property orders.ready.shipping-statuses, else"
            + " Unshipped,PendingShipment,PartiallyShipped.")
    private String readyShippingStatuses;

    @Metadata(label = "consumer,producer", description = "An OData expression ANDed to filter=ready. Default: the"
            + " property orders.ready.extra-filter, else none.")
    private String readyExtraFilter;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ChannelAdvisorEndpoint endpoint = new ChannelAdvisorEndpoint(uri, this, ChannelAdvisorOperation.of(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The client of an endpoint that names none: this component's, or the registry's only one. */
    ChannelAdvisorClient defaultClient() {
        if (client == null) {
            client = getCamelContext().getRegistry().findSingleByType(ChannelAdvisorClient.class);
        }
        return client;
    }

    /** The OData filter {@code filter=ready} stands for. */
    String readyFilter() {
        return ReadyOrderFilter.build(
                orProperty(readyPaymentStatuses, PAYMENT_STATUSES_KEY, ReadyOrderFilter.DEFAULT_PAYMENT_STATUSES),
                orProperty(readyCheckoutStatuses, CHECKOUT_STATUSES_KEY, ReadyOrderFilter.DEFAULT_CHECKOUT_STATUSES),
                orProperty(readyShippingStatuses, SHIPPING_STATUSES_KEY, ReadyOrderFilter.DEFAULT_SHIPPING_STATUSES),
                orProperty(readyExtraFilter, EXTRA_FILTER_KEY, ""));
    }

    private String orProperty(String value, String key, String fallback) {
        if (value != null) {
            return value;
        }
        return getCamelContext().getPropertiesComponent().resolveProperty(key).orElse(fallback);
    }

    public ChannelAdvisorClient getClient() {
        return client;
    }

    public void setClient(ChannelAdvisorClient client) {
        this.client = client;
    }

    public String getReadyPaymentStatuses() {
        return readyPaymentStatuses;
    }

    public void setReadyPaymentStatuses(String readyPaymentStatuses) {
        this.readyPaymentStatuses = readyPaymentStatuses;
    }

    public String getReadyCheckoutStatuses() {
        return readyCheckoutStatuses;
    }

    public void setReadyCheckoutStatuses(String readyCheckoutStatuses) {
        this.readyCheckoutStatuses = readyCheckoutStatuses;
    }

    public String getReadyShippingStatuses() {
        return readyShippingStatuses;
    }

    public void setReadyShippingStatuses(String readyShippingStatuses) {
        this.readyShippingStatuses = readyShippingStatuses;
    }

    public String getReadyExtraFilter() {
        return readyExtraFilter;
    }

    public void setReadyExtraFilter(String readyExtraFilter) {
        this.readyExtraFilter = readyExtraFilter;
    }
}
