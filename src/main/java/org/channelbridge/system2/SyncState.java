package org.channelbridge.system2;

/**
 * The bridge's row of {@code sync_state} for one Sku: what ChannelAdvisor last accepted.
 *
 * @param caProductId ChannelAdvisor's product ID, or null while unknown
 * @param contentHash hash of the values ChannelAdvisor accepted
 * @param sentValues  those values (JSON), so that the parts that changed can be told apart
 * @param state       SYNCED; CREATING while a create is in flight (a crash leaves it so); SENDING while an update is
 *                    in flight or was left unanswered, so that ChannelAdvisor may hold the values sent or the ones
 *                    before (a crash leaves it so, and the next send is whole)
 * @param version     when the row last changed (epoch millis); 0 when there is no row
 */
public record SyncState(String sku, Long caProductId, String contentHash, String sentValues, String state,
                        long version) {

    public static final String SYNCED = "SYNCED";
    public static final String CREATING = "CREATING";
    public static final String SENDING = "SENDING";

    public boolean isCreating() {
        return CREATING.equals(state) && caProductId == null;
    }

    /** An update went out and its outcome is not known: the recorded values may not be what ChannelAdvisor holds. */
    public boolean isSending() {
        return SENDING.equals(state);
    }
}
