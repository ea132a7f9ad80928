package org.channelbridge.ops.deadletter;

import org.channelbridge.flow.SandboxPeer;
import org.channelbridge.ops.BridgeCommands;
import org.channelbridge.system2.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Unknown ids, unknown flows and values shaped like SQL given to {@code dlq}: refused in one sentence, nothing changed. */
class HostileCommandArgumentsTest {

    @TempDir
    Path folder;

    private SandboxPeer sandbox;
    private TestDatabases.Fresh database;
    private BridgeCommands bridge;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxPeer.start();
        database = TestDatabases.h2();
        bridge = BridgeCommands.against(sandbox, database.url(), folder, Map.of());
        bridge.sql("insert into dead_letters (flow, business_key, item, attempts, message, first_failed_at, "
                + "last_failed_at, state) values ('orders', 'ORD-1', '{}', 1, 'refused', current_timestamp, "
                + "current_timestamp, 'OPEN')");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        database.close();
    }

    @Test
    void unknownIdsUnknownFlowsAndSqlShapedValuesAreRefusedAndChangeNothing() throws Exception {
        BridgeCommands.Run list = bridge.run("dlq", "list", "--flow", "orders' or '1'='1");
        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.err().strip()).startsWith("There is no flow 'orders' or '1'='1'; the flows are products,");
        assertThat(list.out()).doesNotContain("ORD-1");

        BridgeCommands.Run replay = bridge.run("dlq", "replay", "--flow", "orders; delete from dead_letters");
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.err()).contains("There is no flow 'orders; delete from dead_letters'");

        BridgeCommands.Run show = bridge.run("dlq", "show", "99999");
        assertThat(show.exit()).isEqualTo(1);
        assertThat(show.err().strip()).isEqualTo("There is no dead letter 99999.");

        BridgeCommands.Run sqlId = bridge.run("dlq", "discard", "1 or 1=1");
        assertThat(sqlId.exit()).isEqualTo(2);
        assertThat(sqlId.err()).contains("'1 or 1=1' is not a long");

        BridgeCommands.Run unknown = bridge.run("dlq", "discard", "99999");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("Dead letter 99999 is not open (or does not exist); nothing discarded.");

        assertThat(bridge.column("select state || ' ' || business_key from dead_letters")).containsExactly("OPEN ORD-1");
    }
}
