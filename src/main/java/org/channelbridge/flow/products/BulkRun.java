package org.channelbridge.flow.products;

import java.util.List;

/**
 * What one bulk cycle wrote: the files to upload and the products that could not go in a file because System2 holds
 * them in a form ChannelAdvisor refuses (each becomes a dead letter, as in the API path).
 */
public record BulkRun(List<BulkFile> files, List<ProductChange> invalid) {
}
