package org.channelbridge.system2.drop;

/** A row of a drop file that cannot be loaded; the message is the reason a person reads in the error report. */
public class BadRowException extends RuntimeException {
    public BadRowException(String reason) {
        super(reason);
    }
}
