package org.channelbridge.cluster;

/**
 * Who leads a profile, as JMX and Jolokia show it ({@code org.channelbridge:type=leadership,profile=<id>}; the first
 * profile's also as {@code org.channelbridge:type=leadership}).
 */
public interface LeadershipMBean {

    /** The profile whose election this is. */
    String getProfile();

    /** {@code file}, {@code zookeeper} or {@code kubernetes}. */
    String getClusterKind();

    /** The election this instance takes part in (one per profile). */
    String getNamespace();

    /** This instance's member id (host and process, or the pod). */
    String getMemberId();

    /** True while this instance leads: its scheduled and file-drop consumers run. */
    boolean isLeader();

    /** {@code leader} or {@code standby}. */
    String getRole();

    /** The leader's member id where the engine tells it (ZooKeeper, Kubernetes), else this one's or empty. */
    String getLeaderId();

    /** When this instance's role last changed (ISO-8601, UTC). */
    String getRoleSince();

    /** Leadership changes seen by this instance. */
    long getLeadershipChanges();

    /** Times this instance stepped down because it had been frozen (a stopped process, a long GC pause). */
    long getFreezesFenced();
}
