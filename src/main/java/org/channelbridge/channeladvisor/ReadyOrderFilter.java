package org.channelbridge.channeladvisor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The OData {@code $filter} for orders that are valid for fulfilment: payment in one of the given statuses, checkout
 * completed, not shipped and not cancelled — each group a parenthesised {@code or}, joined by {@code and}, plus an
 * optional expression of the integrator's own.
 */
public final class ReadyOrderFilter {

    /** The documented defaults of {@code orders.ready.payment-statuses}, {@code ...checkout-statuses} and
     * {@code ...shipping-statuses}. */
    public static final String DEFAULT_PAYMENT_STATUSES = "Cleared";
    public static final String DEFAULT_CHECKOUT_STATUSES = "Completed,CompletedAndVisited,CompletedOffline";
    public static final String DEFAULT_SHIPPING_STATUSES = "Unshipped,PendingShipment,PartiallyShipped";

    private ReadyOrderFilter() {
    }

    public static String build(String paymentStatuses, String checkoutStatuses, String shippingStatuses, String extra) {
        List<ODataFilter> groups = new ArrayList<>();
        addGroup(groups, "PaymentStatus", paymentStatuses);
        addGroup(groups, "CheckoutStatus", checkoutStatuses);
        addGroup(groups, "ShippingStatus", shippingStatuses);
        if (extra != null && !extra.isBlank()) {
            groups.add(ODataFilter.raw(extra.trim()));
        }
        return groups.isEmpty() ? "" : ODataFilter.and(groups).toString();
    }

    private static void addGroup(List<ODataFilter> groups, String field, String commaSeparated) {
        List<Object> values = new ArrayList<>();
        if (commaSeparated != null) {
            Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(values::add);
        }
        if (!values.isEmpty()) {
            groups.add(ODataFilter.anyOf(field, values));
        }
    }
}
