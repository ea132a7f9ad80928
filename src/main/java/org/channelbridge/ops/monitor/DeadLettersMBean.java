package org.channelbridge.ops.monitor;

/** The dead-letter store as JMX operations: the same as {@code dlq list/show/replay/discard} on the command line. */
public interface DeadLettersMBean {

    long getOpen();

    /** The dead letters of a flow (empty: all flows), as the command line prints them. */
    String list(String flow, boolean openOnly);

    String show(long id);

    String replay(long id);

    String replayFlow(String flow);

    String discard(long id);
}
