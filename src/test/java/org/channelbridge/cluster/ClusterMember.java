package org.channelbridge.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of the bridge's wiring in this JVM: a Camel context that joins a profile's election the way the bridge
 * does ({@link Instances#join}), with a scheduled route (a timer, as a flow's schedule), a route fed by another
 * ({@code direct:}, as a flow's cycle), and a self-starting route that is switched off.
 */
final class ClusterMember implements AutoCloseable {

    final String name;
    final DefaultCamelContext context = new DefaultCamelContext();
    final AtomicInteger scheduledRuns = new AtomicInteger();
    final AtomicInteger directRuns = new AtomicInteger();
    final AtomicInteger switchedOffRuns = new AtomicInteger();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    ClusterMember(String name, Properties properties) throws Exception {
        this.name = name;
        context.getCamelContextExtension().setName(name);
        context.getPropertiesComponent().setInitialProperties(properties);
        Instances.join(context, properties, name);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:" + name + "-cycle?period=200").routeId("flow-schedule")
                        .process(e -> scheduledRuns.incrementAndGet());
                from("direct:cycle").routeId("flow-cycle").process(e -> directRuns.incrementAndGet());
                from("timer:" + name + "-off?period=200").routeId("demo-off").autoStartup("{{demo.enabled}}")
                        .process(e -> switchedOffRuns.incrementAndGet());
            }
        });
        Logger logger = (Logger) LoggerFactory.getLogger("org.channelbridge.cluster");
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.INFO);
    }

    ClusterMember start() {
        context.start();
        return this;
    }

    boolean leads() {
        return leadership() != null && leadership().isLeader();
    }

    Leadership leadership() {
        return context.hasService(Leadership.class);
    }

    /** The lines of this JVM's cluster loggers (every member's: they share the loggers). */
    List<String> lines() {
        synchronized (log.list) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger("org.channelbridge.cluster")).detachAppender(log);
        context.stop();
    }

    static Properties kubernetesCluster(String masterUrl, String profile) {
        Properties properties = new Properties();
        properties.setProperty("cluster.kind", "kubernetes");
        properties.setProperty("cluster.kubernetes.master-url", masterUrl);
        properties.setProperty("cluster.kubernetes.namespace", "shop");
        properties.setProperty("cluster.kubernetes.lease-name", "channel-bridge");
        properties.setProperty("channeladvisor.profile-id", profile);
        properties.setProperty("demo.enabled", "false");
        return properties;
    }

    static Properties zooKeeperCluster(String nodes, String profile) {
        Properties properties = new Properties();
        properties.setProperty("cluster.kind", "zookeeper");
        properties.setProperty("cluster.zookeeper.nodes", nodes);
        properties.setProperty("cluster.zookeeper.base-path", "/channel-bridge-test-" + System.nanoTime());
        properties.setProperty("channeladvisor.profile-id", profile);
        properties.setProperty("demo.enabled", "false");
        return properties;
    }

    static Properties fileCluster(String root, String profile) {
        Properties properties = new Properties();
        properties.setProperty("cluster.kind", "file");
        properties.setProperty("cluster.file.root", root);
        properties.setProperty("channeladvisor.profile-id", profile);
        properties.setProperty("demo.enabled", "false");
        return properties;
    }
}
