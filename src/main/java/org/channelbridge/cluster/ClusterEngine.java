package org.channelbridge.cluster;

import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.apache.camel.component.kubernetes.KubernetesConfiguration;
import org.apache.camel.component.kubernetes.cluster.KubernetesClusterService;
import org.apache.camel.component.kubernetes.cluster.LeaseResourceType;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterService;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The cluster service of {@code cluster.kind}, with intervals tuned so that a standby takes over within about 10 s
 * of the leader's death (Camel's defaults take 15–60 s).
 */
public final class ClusterEngine {

    /** File lock: the leader writes its heartbeat every 2 s; a standby tries the lock as often. */
    static final long FILE_LOCK_INTERVAL_MS = 2_000;
    /** File lock: a heartbeat older than 3 intervals is a dead leader's (its lock is gone with its process). */
    static final int FILE_HEARTBEAT_MULTIPLIER = 3;
    /** ZooKeeper: a leader that stops answering loses its session, and its election node, after this long. */
    static final long ZOOKEEPER_SESSION_MS = 6_000;
    /** Kubernetes Lease: held 8 s; the leader renews it every 2 s and gives up after 6 s without renewal. */
    static final long LEASE_DURATION_MS = 8_000;
    static final long LEASE_RENEW_DEADLINE_MS = 6_000;
    static final long LEASE_RETRY_MS = 2_000;

    private ClusterEngine() {
    }

    /**
     * How long an instance that hands a profile over stays out of its election: long enough for a standby to take
     * it (the file lock is tried every 2 s, ZooKeeper hands over at once, a Lease is taken once it runs out).
     */
    static Duration rejoinDelay(String kind) {
        return kind.equals("kubernetes") ? Duration.ofMillis(LEASE_DURATION_MS + 2 * LEASE_RETRY_MS)
                : Duration.ofMillis(3 * FILE_LOCK_INTERVAL_MS);
    }

    /** {@code cluster.kind}, lower case; {@code none} when not set. */
    public static String kind(Properties properties) {
        String kind = properties.getProperty("cluster.kind", "").strip().toLowerCase(Locale.ROOT);
        return kind.isEmpty() ? "none" : kind;
    }

    /** The cluster service of the settings (checked at start-up); {@code memberId} names this instance. */
    public static CamelClusterService create(Properties properties, String memberId) {
        CamelClusterService service = switch (kind(properties)) {
            case "file" -> fileLock(properties.getProperty("cluster.file.root").strip());
            case "zookeeper" -> zooKeeper(properties.getProperty("cluster.zookeeper.nodes").strip(),
                    properties.getProperty("cluster.zookeeper.base-path", "/channel-bridge").strip());
            case "kubernetes" -> kubernetes(properties.getProperty("cluster.kubernetes.namespace", "").strip(),
                    properties.getProperty("cluster.kubernetes.lease-name", "channel-bridge").strip(),
                    properties.getProperty("cluster.kubernetes.master-url", "").strip(), memberId);
            default -> throw new IllegalArgumentException("cluster.kind is '" + kind(properties)
                    + "'; it takes file, zookeeper or kubernetes");
        };
        ((AbstractCamelClusterService<?>) service).setId(memberId);
        return service;
    }

    /** One lock file per profile in {@code root}: the OS lock dies with its process. */
    static FileLockClusterService fileLock(String root) {
        FileLockClusterService service = new FileLockClusterService();
        service.setRoot(root);
        service.setAcquireLockDelay(1, TimeUnit.SECONDS);
        service.setAcquireLockInterval(FILE_LOCK_INTERVAL_MS, TimeUnit.MILLISECONDS);
        service.setHeartbeatTimeoutMultiplier(FILE_HEARTBEAT_MULTIPLIER);
        return service;
    }

    static ZooKeeperClusterService zooKeeper(String nodes, String basePath) {
        ZooKeeperClusterService service = new ZooKeeperClusterService();
        service.setNodes(nodes);
        service.setBasePath(basePath);
        service.setSessionTimeout(ZOOKEEPER_SESSION_MS);
        service.setConnectTimeout(5_000);
        return service;
    }

    /** A Lease in {@code namespace} (empty: the pod's own); the member is the pod ({@code podName}). */
    static KubernetesClusterService kubernetes(String namespace, String leaseName, String masterUrl, String podName) {
        // the client as fabric8 configures itself: in a pod, from its service account (token, certificate, namespace)
        ConfigBuilder config = new ConfigBuilder(Config.autoConfigure(null));
        if (!masterUrl.isEmpty()) {
            config.withMasterUrl(masterUrl);
        }
        KubernetesConfiguration configuration = new KubernetesConfiguration();
        configuration.setKubernetesClient(new KubernetesClientBuilder().withConfig(config.build()).build());
        KubernetesClusterService service = new KubernetesClusterService(configuration);
        service.setLeaseResourceType(LeaseResourceType.Lease);
        service.setKubernetesResourceName(leaseName);
        if (!namespace.isEmpty()) {
            // empty: the client's namespace, which in a pod is its service account's
            service.setKubernetesResourcesNamespace(namespace);
        }
        service.setPodName(podName);
        service.setLeaseDurationMillis(LEASE_DURATION_MS);
        service.setRenewDeadlineMillis(LEASE_RENEW_DEADLINE_MS);
        service.setRetryPeriodMillis(LEASE_RETRY_MS);
        return service;
    }
}
