package org.channelbridge.ops;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.deadletter.DeadLetterStore;
import org.channelbridge.progress.FlowStats;
import org.channelbridge.system2.System2Database;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dlq}, {@code reconcile} and {@code check} with two profiles (us = 12345, uk = 12346 of the sandbox): each
 * covers every profile and names whose each line is, or with {@code --profile NAME} the one profile; with one
 * profile they print what they always printed.
 */
class ProfileCommandsTest {

    private static final Map<String, String> TWO_PROFILES = Map.of("channeladvisor.profiles", "us,uk",
            "channeladvisor.profile.us.profile-id", "12345", "channeladvisor.profile.uk.profile-id", "12346",
            "channeladvisor.profile.uk.ftp-user", "sbxft2:sandbox");

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    private BridgeCommands bridge(Map<String, String> keys) throws Exception {
        Map<String, String> extra = new HashMap<>(keys);
        try (ServerSocket free = new ServerSocket(0)) {
            extra.put("camel.management.port", String.valueOf(free.getLocalPort()));
        }
        extra.put("reconcile.report-file", folder.resolve("reconcile.json").toString());
        return BridgeCommands.against(sandbox, database.url(), folder, extra);
    }

    /** Dead letters recorded as the flows of each profile record them. */
    private long deadLetter(long profileId, String flow, String key, String message) {
        try (System2Database db = System2Database.open(database.url(), "", "", 1)) {
            return new DeadLetterStore(db.dataSource(), new FlowStats()).forProfile(profileId)
                    .record(flow, key, "{\"id\":\"" + key + "\"}", 400, message);
        }
    }

    @Test
    void dlqListsEveryProfilesDeadLettersByNameOrOneProfilesWithProfile() throws Exception {
        BridgeCommands bridge = bridge(TWO_PROFILES);
        deadLetter(12345, "shipments", "S-1", "The carrier Pony is not known.");
        long ukShipment = deadLetter(12346, "shipments", "S-1", "The class Slow is not known.");
        deadLetter(12346, "refunds", "A-9", "The reason Whim is not known.");

        BridgeCommands.Run all = bridge.run("dlq", "list");
        assertThat(all.exit()).as(all.all()).isZero();
        assertThat(all.out()).containsPattern("id\\s+profile\\s+flow\\s+key")
                .containsPattern("us \\(12345\\)\\s+shipments\\s+S-1").containsPattern("uk \\(12346\\)\\s+shipments\\s+S-1")
                .containsPattern("uk \\(12346\\)\\s+refunds\\s+A-9").contains("3 dead letter(s)");

        BridgeCommands.Run uk = bridge.run("dlq", "list", "--profile", "uk");
        assertThat(uk.exit()).as(uk.all()).isZero();
        assertThat(uk.out()).contains("The class Slow").contains("A-9").doesNotContain("Pony")
                .contains("2 dead letter(s)");

        BridgeCommands.Run show = bridge.run("dlq", "show", String.valueOf(ukShipment));
        assertThat(show.out()).contains("profile:       uk (12346)").contains("The class Slow is not known.");

        BridgeCommands.Run unknown = bridge.run("dlq", "list", "--profile", "fr");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("There is no profile 'fr'; the profiles are us, uk.");

        BridgeCommands.Run idsAndProfile = bridge.run("dlq", "replay", "--profile", "uk", String.valueOf(ukShipment));
        assertThat(idsAndProfile.exit()).isEqualTo(2);
        assertThat(idsAndProfile.err()).contains("--profile goes with --flow");
    }

    @Test
    void withOneProfileDlqPrintsWhatItAlwaysPrinted() throws Exception {
        BridgeCommands bridge = bridge(Map.of());
        long id = deadLetter(12345, "shipments", "S-1", "The carrier Pony is not known.");

        BridgeCommands.Run list = bridge.run("dlq", "list");
        assertThat(list.out()).containsPattern("id\\s+flow\\s+key\\s+state").doesNotContain("profile")
                .contains("1 dead letter(s)");
        assertThat(bridge.run("dlq", "show", String.valueOf(id)).out()).startsWith("id:            " + id)
                .doesNotContain("profile");
        assertThat(bridge.run("dlq", "list", "--profile", "default").out()).contains("S-1");
    }

    @Test
    void reconcileComparesEachProfileInItsOwnAccount() throws Exception {
        BridgeCommands bridge = bridge(TWO_PROFILES);
        List<Long> ukOrders = sandbox.seedOrders("{\"count\":2,\"readyOnly\":true,\"profileId\":12346}");

        BridgeCommands.Run us = bridge.run("reconcile", "--profile", "us");
        assertThat(us.exit()).as(us.all()).isZero();
        assertThat(us.out()).contains("System2 and ChannelAdvisor agree");

        BridgeCommands.Run uk = bridge.run("reconcile", "--profile", "uk");
        assertThat(uk.exit()).as(uk.all()).isEqualTo(3);
        assertThat(uk.out()).containsPattern("order-not-saved\\s+" + ukOrders.get(0) + "\\s+Profile uk: ")
                .containsPattern("order-not-saved\\s+" + ukOrders.get(1) + "\\s+Profile uk: ");

        BridgeCommands.Run all = bridge.run("reconcile");
        assertThat(all.exit()).as(all.all()).isEqualTo(3);
        assertThat(all.out()).containsPattern("ready in ChannelAdvisor, not in System2\\s+2\\R")
                .doesNotContain("Profile us");
    }

    @Test
    void checkProbesEachProfileAndThenWhatTheyShare() throws Exception {
        Map<String, String> keys = new HashMap<>(TWO_PROFILES);
        keys.put("channeladvisor.profile.uk.distribution-center-id", "987654");
        BridgeCommands bridge = bridge(keys);

        BridgeCommands.Run all = bridge.run("check");
        assertThat(all.exit()).as(all.all()).isEqualTo(3);
        assertThat(all.out()).containsPattern("us: token refresh\\s+ok").containsPattern("us: distribution center 0\\s+ok")
                .containsPattern("uk: token refresh\\s+ok").containsPattern("uk: profile reachable\\s+ok")
                .containsPattern("uk: distribution center 987654\\s+FAIL")
                .containsPattern("uk: FTP login and /Inventory\\s+ok").containsPattern("System2 schema\\s+ok")
                .contains("1 of 12 probes failed");

        BridgeCommands.Run us = bridge.run("check", "--profile", "us");
        assertThat(us.exit()).as(us.all()).isZero();
        assertThat(us.out()).contains("us: token refresh").doesNotContain("uk:").contains("All 7 probes passed");
    }

    @Test
    void checkFailsTheProfileTheCredentialsDoNotCover() throws Exception {
        Map<String, String> keys = new HashMap<>(TWO_PROFILES);
        keys.put("channeladvisor.profile.uk.profile-id", "55555");
        BridgeCommands bridge = bridge(keys);

        BridgeCommands.Run uk = bridge.run("check", "--profile", "uk");

        assertThat(uk.exit()).as(uk.all()).isEqualTo(3);
        assertThat(uk.out()).containsPattern("uk: profile reachable\\s+FAIL")
                .contains("fix: Check channeladvisor.profile.uk.profile-id");
    }
}
