package org.channelbridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.impl.DefaultCamelContext;
import org.channelbridge.channeladvisor.CaResponse;
import org.channelbridge.channeladvisor.ChannelAdvisorClient;
import org.channelbridge.config.BridgeSettings;
import org.channelbridge.config.ConfigFile;
import org.channelbridge.config.Profiles;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's beans with two listed profiles against the sandbox's two (12345 and 12346, one token covering both):
 * one client each, with its own token and request budget, each acting in its own profile.
 */
class ProfileClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private System2Database system2;
    private DefaultCamelContext context;

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
        system2 = System2Database.open(database.url(), database.user(), database.password(), 2);
        system2.migrate();
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        system2.close();
        database.close();
        sandbox.close();
    }

    private Map<String, Object> beans(Map<String, String> extra) {
        Properties properties = ConfigFile.load(List.of(), Map.of());
        sandbox.bridgeOverrides().forEach(properties::setProperty);
        extra.forEach(properties::setProperty);
        return BridgeBeans.create(BridgeSettings.check(properties), system2, new FlowStats(), context);
    }

    @Test
    void eachProfileHasItsOwnClientBudgetAndTokenAndActsInItsOwnProfile() {
        Map<String, Object> beans = beans(Map.of("channeladvisor.profiles", "us,uk",
                "channeladvisor.profile.us.profile-id", "12345",
                "channeladvisor.profile.uk.profile-id", "12346",
                "channeladvisor.profile.uk.requests-per-minute", "700",
                "channeladvisor.profile.uk.max-concurrent", "2"));
        ChannelAdvisorClient us = (ChannelAdvisorClient) beans.get("channelAdvisor-us");
        ChannelAdvisorClient uk = (ChannelAdvisorClient) beans.get("channelAdvisor-uk");

        assertThat(beans.get("channelAdvisor")).as("the routes that name no profile work for the first").isSameAs(us);
        assertThat(uk).isNotSameAs(us);
        assertThat(uk.budget()).isNotSameAs(us.budget());
        assertThat(uk.tokens()).isNotSameAs(us.tokens());
        assertThat(us.budget().limit()).isEqualTo(1900);
        assertThat(us.budget().maxConcurrent()).isEqualTo(4);
        assertThat(uk.budget().limit()).isEqualTo(700);
        assertThat(uk.budget().maxConcurrent()).isEqualTo(2);
        assertThat(((Profiles) beans.get("bridgeProfiles")).names()).containsExactly("us", "uk");
        assertThat(beans).containsKeys("ordersKeys-us", "ordersKeys-uk", "productsKeys-uk");

        long ukProduct = uk.createProduct(product("ONLY-UK"));
        us.createProduct(product("ONLY-US"));
        long usBefore = us.budget().requestsSent();
        assertThat(uk.findProductBySku("ONLY-UK")).contains(ukProduct);
        assertThat(uk.findProductBySku("ONLY-US")).isEmpty();
        CaResponse patched = uk.send("PATCH", "/v1/Products(" + ukProduct + ")",
                JSON.createObjectNode().put("Title", "UK title"));
        assertThat(patched.status()).isEqualTo(204);
        JsonNode limits = sandbox.admin("GET", "/sandbox/stats", null).path("profiles");

        assertThat(skus(12346)).containsExactly("ONLY-UK");
        assertThat(skus(12345)).containsExactly("ONLY-US");
        assertThat(sandbox.get("/v1/Products(" + ukProduct + ")?profileid=12346").path("Title").asText())
                .isEqualTo("UK title");
        assertThat(us.budget().requestsSent()).as("the uk calls spent none of the us budget").isEqualTo(usBefore);
        assertThat(uk.budget().requestsSent()).isEqualTo(4);
        assertThat(limits.path("12346").path("limits").path("highestPerMinute").asLong())
                .as("what the sandbox counted in 12346").isEqualTo(uk.budget().requestsSent());
        assertThat(limits.path("12345").path("limits").path("highestPerMinute").asLong())
                .isEqualTo(us.budget().requestsSent());
    }

    @Test
    void ordersAreReadFromEachClientsOwnProfile() {
        Map<String, Object> beans = beans(Map.of("channeladvisor.profiles", "us,uk",
                "channeladvisor.profile.us.profile-id", "12345", "channeladvisor.profile.uk.profile-id", "12346"));
        sandbox.seedOrders("{\"count\":3,\"readyOnly\":true,\"profileId\":12346}");
        sandbox.seedOrders("{\"count\":2,\"readyOnly\":true,\"profileId\":12345}");

        assertThat(profilesOfOrders((ChannelAdvisorClient) beans.get("channelAdvisor-uk")))
                .containsExactly(12346L, 12346L, 12346L);
        assertThat(profilesOfOrders((ChannelAdvisorClient) beans.get("channelAdvisor-us")))
                .containsExactly(12345L, 12345L);
    }

    @Test
    void aSingleProfileKeepsTheOneClientAndItsCallsAsTheyWere() {
        Map<String, Object> beans = beans(Map.of());
        ChannelAdvisorClient client = (ChannelAdvisorClient) beans.get("channelAdvisor");

        assertThat(beans.keySet()).noneMatch(name -> name.startsWith("channelAdvisor-"));
        assertThat(((Profiles) beans.get("bridgeProfiles")).names()).containsExactly("default");
        assertThat(client.settings().profileNamedInCalls()).isFalse();
        long id = client.createProduct(product("PLAIN-1"));
        assertThat(client.findProductBySku("PLAIN-1")).contains(id);
        assertThat(skus(12345)).containsExactly("PLAIN-1");
    }

    private static ObjectNode product(String sku) {
        return JSON.createObjectNode().put("Sku", sku).put("Title", "Product " + sku);
    }

    private List<String> skus(long profileId) {
        List<String> skus = new ArrayList<>();
        sandbox.all("/v1/Products?profileid=" + profileId + "&$select=Sku").forEach(p -> skus.add(p.path("Sku").asText()));
        return skus;
    }

    private static List<Long> profilesOfOrders(ChannelAdvisorClient client) {
        List<Long> profiles = new ArrayList<>();
        client.forEachOrder("", "", order -> profiles.add(order.path("ProfileID").asLong()));
        return profiles;
    }
}
