package org.channelbridge.flow.products;

import java.util.List;

/**
 * What one bulk cycle wrote: the files to upload and the products that could not go in a file because System2 holds
 * them in a form ChannelAdvisor refuses (each becomes a dead letter, as in the API path). {@code folderFull}: the work
 * folder had no room, nothing was written, and the products cycle goes on by the API.
 */
public record BulkRun(List<BulkFile> files, List<ProductChange> invalid, boolean folderFull) {

    public BulkRun(List<BulkFile> files, List<ProductChange> invalid) {
        this(files, invalid, false);
    }

    /** Whether the products cycle is done: the bulk flow took its products (false: the cycle goes on by the API). */
    public boolean handedOver() {
        return !folderFull;
    }
}
