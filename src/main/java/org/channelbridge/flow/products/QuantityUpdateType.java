package org.channelbridge.flow.products;

import java.util.List;
import java.util.Locale;

/**
 * The {@code UpdateType} of every quantity the bridge sends ({@code products.quantity-update-type}). System2 sends
 * totals, so only the types that set a quantity are allowed: {@code Relative} would add the total again on every
 * send (and on every retry).
 */
public final class QuantityUpdateType {

    /** ChannelAdvisor's types that set a quantity (reference 2.4), in its spelling. */
    static final List<String> SETTING = List.of("Absolute", "Available", "InStock", "UnShipped", "Unconfirmed");

    private QuantityUpdateType() {
    }

    /** ChannelAdvisor's spelling of {@code configured}; a type that does not set a quantity is a configuration error. */
    public static String named(String configured) {
        String wanted = configured == null || configured.isBlank() ? "Absolute" : configured.strip();
        for (String type : SETTING) {
            if (type.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw new IllegalArgumentException("products.quantity-update-type is '" + wanted + "'; it takes one of "
                + String.join(", ", SETTING) + " (Relative would add System2's total on every send).");
    }
}
