package org.channelbridge.ops;

import org.channelbridge.app.BridgeBeans;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchPackingTest {

    @Test
    void wholeBatchesUseTheWholePerMinuteBudget() {
        assertThat(BridgeBeans.packedBatchSize(100, 1900)).isEqualTo(99);
        assertThat(BridgeBeans.packedBatchSize(100, 2020)).isEqualTo(100);
    }

    @Test
    void aBudgetWithNoFittingSizeNearTheConfiguredOneKeepsTheConfiguredSize() {
        assertThat(BridgeBeans.packedBatchSize(100, 1931)).isEqualTo(100);
    }
}
