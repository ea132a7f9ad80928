package org.channelbridge.system2;

/**
 * The bridge's row of {@code sync_state} for one Sku: what ChannelAdvisor last accepted.
 *
 * @param caProductId ChannelAdvisor's product ID, or null while unknown
 * @param contentHash hash of the values ChannelAdvisor accepted
 * @param sentValues  those values (JSON), so that the parts that changed can be told apart
 * @param state       SYNCED, or CREATING while a create is in flight (a crash leaves it so)
 * @param version     when the row last changed (epoch millis); 0 when there is no row
 */
public record SyncState(String sku, Long caProductId, String contentHash, String sentValues, String state,
                        long version) {

    public static final String SYNCED = "SYNCED";
    public static final String CREATING = "CREATING";

    public boolean isCreating() {
        return CREATING.equals(state) && caProductId == null;
    }
}
