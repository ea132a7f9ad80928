package org.channelbridge.flow.products;

/** A bulk file that may not be sent now (ChannelAdvisor's limit of ProductUpload files an hour); not a failure. */
public final class UploadDeferredException extends RuntimeException {
    public UploadDeferredException(String message) {
        super(message);
    }
}
