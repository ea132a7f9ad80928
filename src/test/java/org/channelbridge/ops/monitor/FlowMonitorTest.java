package org.channelbridge.ops.monitor;

import org.channelbridge.progress.FlowStats;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FlowMonitorTest {

    @Test
    void theOrdersBacklogIsWhatTheLastCycleReadInChannelAdvisorAndCouldNotSave() {
        FlowStats stats = new FlowStats();
        FlowMonitor orders = new FlowMonitor("orders", stats, new OpsReadings(null, null, null, Map.of()), null);
        assertThat(orders.getBacklog()).as("no cycle yet").isEqualTo(-1);

        stats.leftByCycle("orders", 5 - 2 - 1);   // 5 ready orders read, 2 saved, 1 already held

        assertThat(orders.getBacklog()).isEqualTo(2);
    }
}
