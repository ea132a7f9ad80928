package org.channelbridge.ops.reconcile;

/** One thing on which System2 and ChannelAdvisor disagree, named by the key a person acts on. */
public record Difference(Kind kind, String key, String detail) {

    public enum Kind {
        ORDER_NOT_SAVED("ready in ChannelAdvisor, not in System2"),
        ORDER_NOT_ACKNOWLEDGED("in System2, not marked exported in ChannelAdvisor"),
        SHIPMENT_NOT_IN_CHANNELADVISOR("shipment in System2, no fulfillment in ChannelAdvisor"),
        ADJUSTMENT_NOT_FINAL("adjustment not complete or failed yet"),
        PRODUCT_DIFFERS("product differs between System2 and ChannelAdvisor");

        private final String meaning;

        Kind(String meaning) {
            this.meaning = meaning;
        }

        public String meaning() {
            return meaning;
        }
    }
}
