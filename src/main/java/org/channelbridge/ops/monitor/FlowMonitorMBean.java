package org.channelbridge.ops.monitor;

/**
 * One flow as JMX (and Hawtio through Jolokia) shows it: {@code org.channelbridge:type=flows,name=F}, or with
 * {@code channeladvisor.profiles} one per profile, {@code org.channelbridge:type=flows,name=F,profile=<profile id>}.
 */
public interface FlowMonitorMBean {

    String getFlow();

    /** The profile whose items this counts ({@code uk (12346)}); empty for a bridge of one profile. */
    String getProfile();

    /**
     * This instance's part in the flow's profile with several instances ({@code cluster.kind}): {@code leader} (its
     * cycles run here) or {@code standby}; empty without a cluster.
     */
    String getLeadership();

    /** When the flow's last cycle started (ISO-8601, UTC), empty before the first one. */
    String getLastRun();

    /** When the flow's last cycle ended (ISO-8601, UTC), empty before the first one. */
    String getLastCycleEnded();

    /** How long the last cycle took (ms; -1 before the first one). */
    long getLastCycleMillis();

    /** {@code ok}, or {@code failed: <reason>}; empty before the first cycle. */
    String getLastCycleResult();

    /** Items the flow sent or dead-lettered in the cycles of the last hour. */
    long getItemsLastHour();

    /** 429 answers of ChannelAdvisor in the last hour (all flows of the profile: they share its request budget). */
    long getChannelAdvisorThrottledLastHour();

    long getItemsRead();

    long getItemsSent();

    long getItemsSkipped();

    long getItemsDeadLettered();

    /** Items waiting in System2 for this flow (-1 where the backlog lives in ChannelAdvisor). */
    long getBacklog();

    long getOpenDeadLetters();

    /** 429 answers of ChannelAdvisor so far; the profile's request budget is shared by its flows. */
    long getChannelAdvisorThrottled();

    /** Access tokens fetched so far; the profile's token is shared by its flows. */
    long getTokenRefreshes();

    /** Replays every open dead letter of this flow; returns one line per dead letter. */
    String replayOpenDeadLetters();
}
