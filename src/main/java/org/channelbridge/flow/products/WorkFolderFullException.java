package org.channelbridge.flow.products;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The disk holding {@code products.bulk.work-dir} is full (ENOSPC, or the quota is used up): the file being written is
 * removed whole, nothing of it is sent. {@code written} is how far the file got, {@code needed} an estimate of the
 * room the whole run takes (bytes so far, scaled by the rows still to come).
 */
public final class WorkFolderFullException extends UncheckedIOException {

    private final long written;
    private final long needed;

    public WorkFolderFullException(String message, IOException cause, long written, long needed) {
        super(message, cause);
        this.written = written;
        this.needed = needed;
    }

    public long written() {
        return written;
    }

    public long needed() {
        return needed;
    }

    /** Whether {@code e} is the disk saying it has no room: ENOSPC or EDQUOT, as Java reports them. */
    static boolean isNoSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
