package org.channelbridge.flow.refunds;

import org.channelbridge.flow.InvalidItemException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ChannelAdvisor's nine adjustment reasons, and System2's own reason codes mapped onto them through config
 * ({@code refunds.reason.<code>=<reason>}). No reason at all is ChannelAdvisor's default, GeneralAdjustment.
 */
public final class AdjustmentReasons {

    public static final List<String> CHANNELADVISOR_REASONS = List.of("GeneralAdjustment", "ItemNotAvailable",
            "CustomerReturnedItem", "CouldNotShip", "AlternateItemProvided", "BuyerCancelled", "CustomerExchange",
            "MerchandiseNotReceived", "ShippingAddressUndeliverable");

    private final Map<String, String> byCode = new LinkedHashMap<>();

    /** {@code codes}: System2 code → ChannelAdvisor reason; a target that is not one of the nine is refused. */
    public AdjustmentReasons(Map<String, String> codes) {
        for (String reason : CHANNELADVISOR_REASONS) {
            byCode.put(key(reason), reason);
        }
        codes.forEach((code, reason) -> {
            String target = byCode.get(key(reason));
            if (target == null || !CHANNELADVISOR_REASONS.contains(target)) {
                throw new IllegalArgumentException("refunds.reason." + code + " maps to '" + reason
                        + "', which is not one of ChannelAdvisor's reasons: " + String.join(", ", CHANNELADVISOR_REASONS));
            }
            byCode.put(key(code), target);
        });
    }

    /** The ChannelAdvisor reason for System2's reason or code. */
    public String of(String adjustmentId, String reason) {
        if (reason == null || reason.isBlank()) {
            return "GeneralAdjustment";
        }
        String mapped = byCode.get(key(reason));
        if (mapped == null) {
            throw new InvalidItemException("Adjustment " + adjustmentId + " has reason '" + reason
                    + "', which is neither one of ChannelAdvisor's reasons nor a code mapped in config"
                    + " (refunds.reason." + reason.strip() + "=<reason>).");
        }
        return mapped;
    }

    private static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
