package org.channelbridge.ops.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.ops.BridgeConfigFiles;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconciliation report names each planted difference by its key, exits 3, then 0 once the flows ran. */
class ReconcileTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private BridgeCommands bridge;
    private Path report;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxPeer.start(s -> s.adjustmentProcessingDelay = Duration.ZERO);
        database = TestDatabases.h2();
        report = folder.resolve("out/reconcile.json");
        Map<String, String> overrides = new HashMap<>(sandbox.bridgeOverrides());
        overrides.put("system2.jdbc.url", database.url());
        overrides.put("reconcile.report-file", report.toString());
        bridge = new BridgeCommands(BridgeConfigFiles.copyWith(folder, overrides), database.url(), "", "");
        bridge.migrate();
        bridge.sql("insert into products (sku, title, retail_price, quantity) values ('REC-1', 'Reconciled', 10, 50)");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @Test
    void eachKindOfDifferenceIsReportedByItsKeyUntilTheFlowsHaveRun() throws Exception {
        List<Long> orders = sandbox.seedOrders("{\"count\": 2, \"readyOnly\": true, \"skus\": [\"REC-1\"]}");
        String first = String.valueOf(orders.get(0));
        String second = String.valueOf(orders.get(1));

        BridgeCommands.Run unsaved = bridge.run("reconcile");
        assertThat(unsaved.exit()).as(unsaved.all()).isEqualTo(3);
        assertThat(unsaved.out()).contains("order-not-saved").contains(first).contains(second);

        assertThat(bridge.run("--once").exit()).isZero();
        BridgeCommands.Run agreed = bridge.run("reconcile");
        assertThat(agreed.exit()).as(agreed.all()).isZero();
        assertThat(agreed.out()).contains("agree");

        // saved by System2's side of a crash: in System2, but the export never reached ChannelAdvisor
        String third = String.valueOf(sandbox.seedOrders("{\"count\": 1, \"readyOnly\": true, \"skus\": [\"REC-1\"]}")
                .get(0));
        bridge.sql("insert into orders (profile_id, ca_order_id, saved_at) values (" + sandbox.profileId() + ", " + third
                        + ", current_timestamp)",
                "insert into shipments (id, ca_order_id, carrier, shipping_class, tracking_number, shipped_at) values"
                        + " ('REC-S1', " + second + ", 'UPS', 'Ground', '1ZREC', current_timestamp)",
                "insert into adjustments (id, ca_order_id, kind, reason) values ('REC-A1', " + first
                        + ", 'CANCEL', 'BuyerCancelled')");
        BridgeCommands.Run planted = bridge.run("reconcile");
        assertThat(planted.exit()).as(planted.all()).isEqualTo(3);
        assertThat(planted.out())
                .containsPattern("order-not-acknowledged\\s+" + third)
                .containsPattern("shipment-not-in-channeladvisor\\s+REC-S1")
                .containsPattern("adjustment-not-final\\s+REC-A1")
                .doesNotContain("order-not-saved");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("agree").asBoolean()).isFalse();
        assertThat(json.path("differences")).hasSize(3);
        assertThat(json.path("counts").path("shipment-not-in-channeladvisor").asInt()).isEqualTo(1);

        assertThat(bridge.run("--once").exit()).isZero();
        BridgeCommands.Run after = bridge.run("reconcile");
        assertThat(after.exit()).as(after.all()).isZero();
        assertThat(new ObjectMapper().readTree(report.toFile()).path("agree").asBoolean()).isTrue();
    }

    @Test
    void anUnreadableSinceIsRefusedWithOneSentence() {
        BridgeCommands.Run run = bridge.run("reconcile", "--since", "yesterday");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--since must be a date");
    }
}
