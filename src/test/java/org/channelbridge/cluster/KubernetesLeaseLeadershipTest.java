package org.channelbridge.cluster;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances of one profile on a Kubernetes Lease, against fabric8's mock API server in CRUD mode. */
class KubernetesLeaseLeadershipTest {

    private static final String LEASE_PATH = "/apis/coordination.k8s.io/v1/namespaces/shop/leases/"
            + "channel-bridge-profile-12345";

    private KubernetesMockServer server;

    @BeforeEach
    void startServer() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        // expectations first (the failed renewals), everything else kept as a real API server would (CRUD)
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init();
    }

    @AfterEach
    void stopServer() {
        server.destroy();
    }

    /** The API server's URL; the two pods exist there, as the cluster service checks that its own pod does. */
    private String url() {
        try (NamespacedKubernetesClient client = server.createClient()) {
            for (String pod : new String[] {"pod-a", "pod-b"}) {
                client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName(pod)
                        .withNamespace("shop").endMetadata().withNewStatus().withPhase("Running")
                        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build())
                        .create();
            }
            return client.getConfiguration().getMasterUrl();
        }
    }

    @Test
    void theLeaseHolderLeadsAndAStandbyTakesOverWhenItGoes() throws Exception {
        String url = url();
        try (ClusterMember a = new ClusterMember("pod-a", ClusterMember.kubernetesCluster(url, "12345")).start()) {
            await().atMost(Duration.ofSeconds(15)).until(a::leads);
            try (ClusterMember b = new ClusterMember("pod-b", ClusterMember.kubernetesCluster(url, "12345")).start()) {
                Thread.sleep(4000);
                assertThat(b.leads()).isFalse();
                assertThat(b.scheduledRuns.get()).isZero();
                assertThat(b.leadership().getLeaderId()).as("the standby knows the holder").isEqualTo("pod-a");
                try (NamespacedKubernetesClient client = server.createClient()) {
                    Lease lease = client.leases().inNamespace("shop").withName("channel-bridge-profile-12345").get();
                    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("pod-a");
                }
                long stopped = System.nanoTime();
                a.close();
                // its container gone, Kubernetes takes the pod out of the ready ones: the Lease's holder is no member
                try (NamespacedKubernetesClient client = server.createClient()) {
                    client.pods().inNamespace("shop").withName("pod-a").delete();
                }
                await().atMost(Duration.ofSeconds(20)).until(b::leads);
                await().atMost(Duration.ofSeconds(5)).until(() -> b.scheduledRuns.get() > 0);
                assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(15));
            }
        }
    }

    /**
     * CAMEL-25209: a Lease renewal that fails must not leave every instance with its routes stopped. The API server
     * refuses the renewals for a while (a burst of 500s on the Lease); afterwards one instance, and one only, leads
     * again and runs the schedule.
     */
    @Test
    void failedLeaseRenewalsLeaveOneInstanceLeadingAfterwards() throws Exception {
        String url = url();
        try (ClusterMember a = new ClusterMember("pod-a", ClusterMember.kubernetesCluster(url, "12345")).start();
             ClusterMember b = new ClusterMember("pod-b", ClusterMember.kubernetesCluster(url, "12345")).start()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> a.leads() || b.leads());
            AtomicBoolean both = new AtomicBoolean();
            Thread watch = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    if (a.leads() && b.leads()) {
                        both.set(true);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watch.start();
            ClusterMember first = a.leads() ? a : b;
            server.expect().put().withPath(LEASE_PATH).andReturn(500, "etcd unavailable").times(6);
            server.expect().patch().withPath(LEASE_PATH).andReturn(500, "etcd unavailable").times(6);
            // the leader cannot renew within its deadline: it stops its consumers ...
            await().atMost(Duration.ofSeconds(25)).until(() -> !first.leads());
            // ... and once the API server answers again, one instance leads again
            await().atMost(Duration.ofSeconds(30)).until(() -> a.leads() || b.leads());
            Thread.sleep(1000);
            int aRuns = a.scheduledRuns.get();
            int bRuns = b.scheduledRuns.get();
            Thread.sleep(3000);
            ClusterMember leader = a.leads() ? a : b;
            ClusterMember standby = leader == a ? b : a;
            assertThat(leader.scheduledRuns.get()).as("the leader's schedule runs again")
                    .isGreaterThan(leader == a ? aRuns : bRuns);
            assertThat(standby.scheduledRuns.get()).as("the standby's schedule stays off")
                    .isEqualTo(standby == a ? aRuns : bRuns);
            watch.interrupt();
            watch.join();
            assertThat(both).as("never two leaders at once").isFalse();
        }
    }
}
