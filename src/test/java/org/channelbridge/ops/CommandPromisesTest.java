package org.channelbridge.ops;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What the command line promises a scheduler and a person at a terminal: exit codes (2 naming the key of a wrong
 * setting, 4 for refused credentials), a configuration file that holds only what it changes, results on stdout and
 * the log elsewhere, a reconcile that writes nothing, a busy port told by its number and key.
 */
class CommandPromisesTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private final Map<String, String> overrides = new HashMap<>();

    @BeforeEach
    void start() {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
        overrides.putAll(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("camel.management.enabled", "false");
        overrides.put("reconcile.report-file", folder.resolve("out/reconcile.json").toString());
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    private BridgeCommands bridge(Map<String, String> extra) throws Exception {
        Map<String, String> all = new HashMap<>(overrides);
        all.putAll(extra);
        BridgeCommands bridge = new BridgeCommands(BridgeConfigFiles.copyWith(folder, all), database.url(), "", "");
        bridge.migrate();
        return bridge;
    }

    private static void assertRefusedNaming(BridgeCommands.Run run, String key) {
        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains(key).doesNotContain("\tat ");
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
    }

    @Test
    void aCronThatIsNotACronIsRefusedNamingItsKey() throws Exception {
        assertRefusedNaming(bridge(Map.of("products.cron", "garbage")).run("--once"), "products.cron");
    }

    @Test
    void anUnknownBulkConfirmationIsRefusedNamingItsKey() throws Exception {
        assertRefusedNaming(bridge(Map.of("products.bulk.confirm", "email")).run("--once"), "products.bulk.confirm");
    }

    @Test
    void aTypoInACamelMainKeyIsRefusedNamingTheKey() throws Exception {
        assertRefusedNaming(bridge(Map.of("camel.main.startup-sumary-level", "brief")).run("--once"),
                "camel.main.startup-sumary-level");
    }

    @Test
    void anOracleJdbcUrlIsRefusedNamingItsKey() throws Exception {
        overrides.put("system2.jdbc.url", "jdbc:oracle:thin:@127.0.0.1:1521:x");
        assertRefusedNaming(new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), database.url(), "", "")
                .run("--once"), "system2.jdbc.url");
    }

    @Test
    void aUrlWithoutTheJdbcSchemeIsRefusedNamingItsKey() throws Exception {
        overrides.put("system2.jdbc.url", "postgres://127.0.0.1:5432/shop");
        assertRefusedNaming(new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), database.url(), "", "")
                .run("--once"), "system2.jdbc.url");
    }

    @Test
    void onceWithASharedSecretChannelAdvisorRefusesExitsFourInOneSentence() throws Exception {
        BridgeCommands bridge = bridge(Map.of("channeladvisor.shared-secret", "wrong-secret"));
        bridge.insertProducts(java.util.List.of("REF-1", "REF-2"));

        BridgeCommands.Run run = bridge.run("--once");

        assertThat(run.exit()).as(run.all()).isEqualTo(4);
        assertThat(run.err()).contains("ChannelAdvisor refused").doesNotContain("\tat ");
    }

    @Test
    void onceForAnAccountTheCredentialsDoNotCoverExitsFourNamingTheKey() throws Exception {
        BridgeCommands bridge = bridge(Map.of("channeladvisor.profile-id", "99999"));
        bridge.insertProducts(java.util.List.of("ACC-1"));

        BridgeCommands.Run run = bridge.run("--once");

        assertThat(run.exit()).as(run.all()).isEqualTo(4);
        assertThat(run.err()).contains("channeladvisor.profile-id 99999").doesNotContain("\tat ");
    }

    @Test
    void anUnknownKeyUnderTheBridgesPrefixesIsAnErrorWithStrictConfigNamingTheNearestKey() throws Exception {
        BridgeCommands.Run run = bridge(Map.of("prodcuts.cron", "0 0/7 * * * ?", "strict-config", "true")).run("--once");

        assertRefusedNaming(run, "prodcuts.cron");
        assertThat(run.err()).contains("products.cron");
    }

    @Test
    void aConfigFileHoldsOnlyWhatItChanges() throws Exception {
        BridgeConfigFiles.copyWith(folder, Map.of());
        Path partial = folder.resolve("config/application.properties");
        StringBuilder text = new StringBuilder("products.cron=0 0/7 * * * ?\n");
        overrides.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(partial, text);
        BridgeCommands bridge = new BridgeCommands(partial, database.url(), "", "");
        bridge.migrate();

        BridgeCommands.Run run = bridge.run("--once");

        assertThat(run.exit()).as(run.all()).isZero();
    }

    @Test
    void commandsPrintTheirResultOnStdoutAndTheirLogOnStderr() throws Exception {
        BridgeCommands bridge = bridge(Map.of());
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream logOut = new ByteArrayOutputStream();
        ByteArrayOutputStream logErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(logOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(logErr, true, StandardCharsets.UTF_8));
            assertThat(bridge.run("dlq", "list").exit()).isZero();
            assertThat(bridge.run("reconcile").exit()).isZero();
            assertThat(logOut.toString(StandardCharsets.UTF_8)).doesNotContain(" INFO ", " WARN ", " DEBUG ");
            assertThat(logErr.toString(StandardCharsets.UTF_8)).doesNotContain(" INFO ");

            assertThat(bridge.run("reconcile", "--verbose").exit()).isZero();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertThat(logOut.toString(StandardCharsets.UTF_8)).doesNotContain(" INFO ");
        assertThat(logErr.toString(StandardCharsets.UTF_8)).contains(" INFO ");
    }

    @Test
    void aBusyManagementPortStopsStartUpNamingThePortAndItsKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            BridgeCommands bridge = bridge(Map.of("camel.management.enabled", "true",
                    "camel.management.port", String.valueOf(taken.getLocalPort())));

            BridgeCommands.Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> bridge.run());

            assertThat(run.exit()).as(run.all()).isEqualTo(1);
            assertThat(run.err()).contains(String.valueOf(taken.getLocalPort())).contains("camel.management.port")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aBusySandboxPortStopsTheSandboxNamingThePortAndTheOptionThatMovesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            BridgeCommands bridge = bridge(Map.of());

            BridgeCommands.Run run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> bridge.run("sandbox", "--port", String.valueOf(taken.getLocalPort()), "--ftp-port", "0"));

            assertThat(run.exit()).as(run.all()).isEqualTo(1);
            assertThat(run.err()).contains(String.valueOf(taken.getLocalPort())).contains("--port")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aBusyEmbeddedSandboxPortStopsStartUpNamingThePortAndItsKey() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            overrides.put("sandbox.enabled", "true");
            BridgeCommands bridge = bridge(Map.of("sandbox.port", String.valueOf(taken.getLocalPort())));

            BridgeCommands.Run run = bridge.run("--once");

            assertThat(run.exit()).as(run.all()).isEqualTo(1);
            assertThat(run.err()).contains(String.valueOf(taken.getLocalPort())).contains("sandbox.port")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void reconcileAgainstTheEmbeddedDefaultIsRefusedInOneSentence() throws Exception {
        overrides.put("sandbox.enabled", "auto");
        overrides.put("channeladvisor.application-id", "");
        BridgeCommands bridge = bridge(Map.of());

        BridgeCommands.Run run = bridge.run("reconcile");

        assertRefusedNaming(run, "channeladvisor.application-id");
    }

    @Test
    void twoRouteFilesWithTheSameRouteIdStopStartUpNamingBothFiles() throws Exception {
        BridgeCommands bridge = bridge(Map.of());
        Path routes = folder.resolve("routes");
        Files.writeString(routes.resolve("zz-mine.camel.yaml"), """
                - route:
                    id: acks-cycle
                    from:
                      uri: direct:mine
                      steps:
                        - log: mine
                """);

        BridgeCommands.Run run = bridge.run("--once");

        assertThat(run.exit()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("acks-cycle").contains("acks.camel.yaml").contains("zz-mine.camel.yaml");
    }
}
