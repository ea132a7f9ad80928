package org.channelbridge.cluster;

import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's place in one profile's election: follows the cluster view, says each change in one INFO line
 * (with the word "leader"), and shows it as the MBean {@code org.channelbridge:type=leadership,profile=<id>} (the
 * first profile's also as {@code org.channelbridge:type=leadership}) and in the {@code leadership} health check.
 */
public final class Leadership extends ServiceSupport implements LeadershipMBean {

    static final String OBJECT_NAME = "org.channelbridge:type=leadership";
    static final String PROFILE_OBJECT_NAME = OBJECT_NAME + ",profile=";

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final CamelClusterService service;
    private final String kind;
    private final String namespace;
    private final String profile;
    private final boolean first;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong freezes = new AtomicLong();
    private volatile CamelClusterView view;
    private volatile boolean leader;
    private volatile String leaderId = "";
    private volatile Instant since = Instant.now();
    private volatile boolean handedOver;
    private final List<ObjectName> registered = new ArrayList<>();
    private final CamelClusterEventListener.Leadership listener = this::leadershipChanged;

    public Leadership(CamelClusterService service, String kind, String namespace, String profile) {
        this(service, kind, namespace, profile, true);
    }

    /** {@code first}: the first profile's, which also answers to the MBean name without a profile. */
    public Leadership(CamelClusterService service, String kind, String namespace, String profile, boolean first) {
        this.service = service;
        this.kind = kind;
        this.namespace = namespace;
        this.profile = profile;
        this.first = first;
    }

    @Override
    protected void doStart() throws Exception {
        view = service.getView(namespace);
        view.addEventListener(listener);
        LOG.info("leader: this instance ({}) stands by for profile {} until it is elected leader ({}, election {});"
                + " only the leader runs the scheduled and file-drop consumers", service.getId(), profile,
                engineName(), namespace);
        register();
    }

    @Override
    protected void doStop() throws Exception {
        unregister();
        CamelClusterView current = view;
        if (current != null) {
            current.removeEventListener(listener);
            service.releaseView(current);
        }
    }

    private void leadershipChanged(CamelClusterView changed, CamelClusterMember newLeader) {
        boolean now = changed.getLocalMember().isLeader() && !handedOver;
        leaderId = newLeader == null ? "" : newLeader.getId();
        if (now == leader) {
            return;
        }
        leader = now;
        since = Instant.now();
        changes.incrementAndGet();
        if (now) {
            LOG.info("leader: this instance ({}) is now the leader of profile {}; its scheduled and file-drop"
                    + " consumers start", service.getId(), profile);
        } else {
            LOG.info("leader: this instance ({}) is no longer the leader of profile {}; its scheduled and file-drop"
                    + " consumers stop{}", service.getId(), profile,
                    leaderId.isEmpty() ? "" : " (leader: " + leaderId + ")");
        }
    }

    /**
     * Leaves the election and joins it again: a leader that was frozen lets go of its lock or lease, so that it runs
     * beside no one; whoever then holds it leads.
     */
    void rejoin() throws Exception {
        freezes.incrementAndGet();
        service.stopView(namespace);
        service.startView(namespace);
    }

    /**
     * Leaves the election so that another instance takes it (its led routes are already suspended): from now on this
     * instance no longer counts itself the leader, whatever the engine says before its next check.
     */
    void handOver(String reason) throws Exception {
        handedOver = true;
        leaderId = "";
        if (leader) {
            leader = false;
            since = Instant.now();
            changes.incrementAndGet();
            LOG.info("leader: this instance ({}) is no longer the leader of profile {}; its scheduled and file-drop"
                    + " consumers stop ({})", service.getId(), profile, reason);
        }
        service.stopView(namespace);
    }

    /** Joins the election again after {@link #handOver}. */
    void joinAgain() throws Exception {
        handedOver = false;
        service.startView(namespace);
    }

    /** True while this instance is out of the election after {@link #handOver}. */
    boolean handedOver() {
        return handedOver;
    }

    /** The ids of the members the engine lists in this election (empty where it lists none, as the file lock). */
    List<String> memberIds() {
        CamelClusterView current = view;
        if (current == null || handedOver) {
            return List.of();
        }
        try {
            return current.getMembers().stream().map(CamelClusterMember::getId).toList();
        } catch (RuntimeException e) {
            LOG.debug("The members of {} could not be listed", namespace, e);
            return List.of();
        }
    }

    @Override
    public String getProfile() {
        return profile;
    }

    /** True while the cluster service and this instance's view run. */
    boolean running() {
        return isStarted() && (!(service instanceof ServiceSupport engine) || engine.isStarted());
    }

    private String engineName() {
        return switch (kind) {
            case "file" -> "file lock";
            case "zookeeper" -> "ZooKeeper";
            case "kubernetes" -> "Kubernetes Lease";
            default -> kind;
        };
    }

    private void register() throws JMException {
        register(new ObjectName(PROFILE_OBJECT_NAME
                + (profile.matches("[A-Za-z0-9_.()-]+") ? profile : ObjectName.quote(profile))));
        if (first) {
            register(new ObjectName(OBJECT_NAME));
        }
    }

    private void register(ObjectName name) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(new StandardMBean(this, LeadershipMBean.class), name);
        registered.add(name);
    }

    private void unregister() {
        for (ObjectName name : registered) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException e) {
                LOG.debug("The leadership MBean could not be unregistered", e);
            }
        }
        registered.clear();
    }

    @Override
    public String getClusterKind() {
        return kind;
    }

    @Override
    public String getNamespace() {
        return namespace;
    }

    @Override
    public String getMemberId() {
        return service.getId();
    }

    @Override
    public boolean isLeader() {
        return leader && !handedOver;
    }

    @Override
    public String getRole() {
        return isLeader() ? "leader" : "standby";
    }

    @Override
    public String getLeaderId() {
        if (!leaderId.isEmpty()) {
            return leaderId;
        }
        return isLeader() ? service.getId() : "";
    }

    @Override
    public String getRoleSince() {
        return since.toString();
    }

    @Override
    public long getLeadershipChanges() {
        return changes.get();
    }

    @Override
    public long getFreezesFenced() {
        return freezes.get();
    }
}
