package org.channelbridge.flow.shipments;

import org.channelbridge.flow.InvalidItemException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The carriers and classes the ChannelAdvisor account accepts, and whether a tracking number is required. A
 * shipment that breaks them is a dead letter of its own instead of a rejected call. The list is configured as
 * {@code Carrier:Class|Class;Carrier:Class...}; names match without regard to case and are sent as configured.
 */
public final class CarrierRules {

    /** Carrier → (lower-case class → class as configured); the carrier key is lower case too. */
    private final Map<String, Map<String, String>> classes = new LinkedHashMap<>();
    private final Map<String, String> carrierNames = new LinkedHashMap<>();
    private final boolean requireTrackingNumber;

    public CarrierRules(String carriers, boolean requireTrackingNumber) {
        this.requireTrackingNumber = requireTrackingNumber;
        for (String entry : carriers.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("shipments.carriers: '" + entry.strip()
                        + "' is not Carrier:Class|Class...");
            }
            String carrier = entry.substring(0, colon).strip();
            carrierNames.put(key(carrier), carrier);
            Map<String, String> byKey = classes.computeIfAbsent(key(carrier), k -> new LinkedHashMap<>());
            for (String shippingClass : entry.substring(colon + 1).split("\\|")) {
                if (!shippingClass.isBlank()) {
                    byKey.put(key(shippingClass.strip()), shippingClass.strip());
                }
            }
        }
    }

    /** The carrier and class as the account spells them; a sentence naming the problem otherwise. */
    public List<String> check(String shipmentId, String carrier, String shippingClass, String trackingNumber) {
        if (carrier == null || carrier.isBlank()) {
            throw new InvalidItemException("Shipment " + shipmentId + " has no carrier.");
        }
        Map<String, String> known = classes.get(key(carrier));
        if (known == null) {
            throw new InvalidItemException("Shipment " + shipmentId + " names carrier '" + carrier
                    + "', which ChannelAdvisor does not accept for this account (accepted: "
                    + String.join(", ", carrierNames.values()) + ").");
        }
        if (shippingClass == null || shippingClass.isBlank()) {
            throw new InvalidItemException("Shipment " + shipmentId + " has carrier " + carrier
                    + " but no shipping class.");
        }
        String canonicalClass = known.get(key(shippingClass));
        if (canonicalClass == null) {
            throw new InvalidItemException("Shipment " + shipmentId + " names class '" + shippingClass
                    + "' of carrier " + carrier + ", which ChannelAdvisor does not accept (accepted: "
                    + String.join(", ", known.values()) + ").");
        }
        if (requireTrackingNumber && (trackingNumber == null || trackingNumber.isBlank())) {
            throw new InvalidItemException("Shipment " + shipmentId + " has no tracking number, and "
                    + "shipments.require-tracking-number is true.");
        }
        return List.of(carrierNames.get(key(carrier)), canonicalClass);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
