package org.channelbridge.flow.products;

/**
 * A row of an inventory file that ChannelAdvisor refused: the product, the file, the line (the header is line 1) and
 * ChannelAdvisor's message. It becomes one dead letter of the product.
 */
public record RejectedRow(String sku, String file, int line, String message) {

    /** The sentence the dead letter keeps. */
    public String sentence() {
        return "ChannelAdvisor refused line " + line + " of inventory file " + file + " (Sku " + sku + "): " + message;
    }
}
