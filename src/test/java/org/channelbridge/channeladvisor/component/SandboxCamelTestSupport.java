package org.channelbridge.channeladvisor.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.channeladvisor.ChannelAdvisorSettings;
import org.channelbridge.flow.SandboxPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;
import java.util.Properties;

/**
 * A Camel context per test whose registry holds one {@link ChannelAdvisorClient} (bean {@code channelAdvisor}) on
 * the sandbox over HTTP. The sandbox runs once per class on free ports with pages of {@link #PAGE_SIZE} orders, and
 * is emptied before each test.
 */
abstract class SandboxCamelTestSupport extends CamelTestSupport {

    static final int PAGE_SIZE = 5;
    static final ObjectMapper JSON = new ObjectMapper();

    static SandboxPeer sandbox;
    /** The client's HTTP transport runs on a context of its own, started before the test's context exists. */
    private static CamelContext transportContext;

    ChannelAdvisorClient client;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxPeer.start(s -> {
            s.orderPageSize = PAGE_SIZE;
            s.adjustmentProcessingDelay = java.time.Duration.ZERO;
        });
        transportContext = new DefaultCamelContext();
        transportContext.start();
    }

    @AfterAll
    static void stopSandbox() {
        transportContext.stop();
        sandbox.close();
    }

    @Override
    protected void doPreSetup() {
        sandbox.admin("POST", "/sandbox/reset", null);
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        client = newClient();
        registry.bind("channelAdvisor", client);
    }

    @Override
    protected void doPostTearDown() {
        if (client != null) {
            client.close();
        }
    }

    static ChannelAdvisorClient newClient() {
        Properties properties = new Properties();
        properties.putAll(sandbox.bridgeOverrides());
        return ChannelAdvisorClient.create(transportContext, ChannelAdvisorSettings.fromProperties(properties));
    }

    /** Seeds orders valid for fulfilment; returns their IDs. */
    static List<Long> seedReadyOrders(int count) {
        return sandbox.seedOrders("{\"count\": " + count + ", \"readyOnly\": true}");
    }

    static JsonNode order(long id) {
        return sandbox.get("/v1/Orders(" + id + ")?$expand=Items,Fulfillments,Adjustments");
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
