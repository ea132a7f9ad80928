package org.channelbridge.cluster;

import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.ConfigFile;
import org.channelbridge.config.ConfigurationException;
import org.channelbridge.config.UnknownSettings;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings of several instances, from the environment as an operator sets them, checked at start-up. */
class ClusterSettingsTest {

    private static Properties settings(String... environment) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < environment.length; i += 2) {
            env.put(environment[i], environment[i + 1]);
        }
        return ConfigFile.load(List.<java.nio.file.Path>of(), env);
    }

    @Test
    void oneInstanceIsTheDefault() {
        Properties properties = settings();
        BridgeSettings.check(properties);
        assertThat(ClusterEngine.kind(properties)).isEqualTo("none");
    }

    @Test
    void eachEngineIsChosenFromTheEnvironment() {
        BridgeSettings.check(settings("CLUSTER_KIND", "file", "CLUSTER_FILE_ROOT", "/shared/bridge"));
        BridgeSettings.check(settings("CLUSTER_KIND", "zookeeper", "CLUSTER_ZOOKEEPER_NODES", "zk1:2181,zk2:2181"));
        Properties kubernetes = settings("CLUSTER_KIND", "kubernetes");
        BridgeSettings.check(kubernetes);
        assertThat(kubernetes.getProperty("cluster.kubernetes.lease-name")).isEqualTo("channel-bridge");
        assertThat(kubernetes.getProperty("cluster.kubernetes.namespace")).as("the pod's own").isEmpty();
    }

    @Test
    void anUnknownEngineIsOneSentenceNamingTheKey() {
        assertThatThrownBy(() -> BridgeSettings.check(settings("CLUSTER_KIND", "consul")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("cluster.kind must be none or file or zookeeper or kubernetes, not 'consul' (CLUSTER_KIND).");
    }

    @Test
    void eachEngineNeedsItsOneSetting() {
        assertThatThrownBy(() -> BridgeSettings.check(settings("CLUSTER_KIND", "file")))
                .hasMessageStartingWith("cluster.file.root (CLUSTER_FILE_ROOT) is required with cluster.kind=file");
        assertThatThrownBy(() -> BridgeSettings.check(settings("CLUSTER_KIND", "zookeeper")))
                .hasMessageStartingWith("cluster.zookeeper.nodes (CLUSTER_ZOOKEEPER_NODES) is required");
        assertThatThrownBy(() -> BridgeSettings.check(settings("CLUSTER_KIND", "zookeeper",
                "CLUSTER_ZOOKEEPER_NODES", "zk1")))
                .hasMessage("cluster.zookeeper.nodes must list host:port pairs separated by commas, not 'zk1'"
                        + " (CLUSTER_ZOOKEEPER_NODES).");
        assertThatThrownBy(() -> BridgeSettings.check(settings("CLUSTER_KIND", "kubernetes",
                "CLUSTER_KUBERNETES_LEASE_NAME", "Bridge_Lease")))
                .hasMessageStartingWith("cluster.kubernetes.lease-name must be a Kubernetes name");
    }

    @Test
    void theClusterKeysAreKnownAndANearMissIsNamed() {
        Properties properties = settings("CLUSTER_KIND", "file", "CLUSTER_FILE_ROOT", "/shared");
        properties.setProperty("cluster.file.rot", "/typo");
        List<String> warnings = new UnknownSettings(List.of()).check(properties);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("cluster.file.rot").contains("cluster.file.root");
    }

    @Test
    void eachProfileHasItsOwnElection() {
        assertThat(Instances.namespaceOf("12345")).isEqualTo("profile-12345");
        assertThat(Instances.namespaceOf("")).isEqualTo("profile-default");
    }
}
