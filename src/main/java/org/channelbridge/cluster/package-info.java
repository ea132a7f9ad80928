/**
 * Several instances of the bridge: Camel's cluster services elect one leader per profile, and only the leader runs
 * the consumers that start work by themselves (schedules, timers, file-drop inboxes).
 * <p>
 * {@link org.channelbridge.cluster.Instances} wires it into a continuously running bridge: the cluster service of
 * {@code cluster.kind} ({@link org.channelbridge.cluster.ClusterEngine}), a {@code ClusteredRoutePolicy} for every
 * self-starting consumer ({@link org.channelbridge.cluster.LeaderOnlyConsumers}), who leads each profile as a log
 * line, an MBean and a health check ({@link org.channelbridge.cluster.Leadership},
 * {@link org.channelbridge.cluster.Leaderships}), the spread of the profiles' leadership over the live instances
 * ({@link org.channelbridge.cluster.LeadershipSpread}, {@link org.channelbridge.cluster.LiveMembers}), and the fence of
 * a leader that was frozen ({@link org.channelbridge.cluster.FreezeFence}). Commands never join an election: they start no such consumer.
 * This package imports config, never flow or ops.
 */
package org.channelbridge.cluster;
