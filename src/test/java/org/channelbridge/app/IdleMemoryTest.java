package org.channelbridge.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An idle bridge gives its free heap back: the running JVM (G1, as the plain {@code java -jar} has it) is told to
 * collect after memory.idle-gc-seconds without a collection and to keep at most 30 % of its heap free.
 */
class IdleMemoryTest {

    private static final List<String> OPTIONS = List.of("G1PeriodicGCInterval", "MaxHeapFreeRatio",
            "MinHeapFreeRatio");
    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private final Map<String, String> before = new HashMap<>();

    @BeforeEach
    void remember() {
        assumeTrue(Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue()), "the tests' JVM runs G1");
        OPTIONS.forEach(o -> before.put(o, vm.getVMOption(o).getValue()));
    }

    @AfterEach
    void restore() {
        // the wider bound first, so that every step keeps MinHeapFreeRatio <= MaxHeapFreeRatio
        vm.setVMOption("MaxHeapFreeRatio", "100");
        vm.setVMOption("MinHeapFreeRatio", before.get("MinHeapFreeRatio"));
        vm.setVMOption("MaxHeapFreeRatio", before.get("MaxHeapFreeRatio"));
        vm.setVMOption("G1PeriodicGCInterval", before.get("G1PeriodicGCInterval"));
    }

    @Test
    void theIdleJvmCollectsAfterTheGivenSecondsAndKeepsLittleFreeHeap() {
        OPTIONS.forEach(o -> assumeTrue(!IdleMemory.givenAtStart(vm, o), o + " given on the command line"));
        IdleMemory.apply(45);
        assertThat(vm.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo("45000");
        assertThat(vm.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("30");
        assertThat(vm.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo("10");
    }

    @Test
    void zeroSecondsLeavesTheJvmAsItIs() {
        IdleMemory.apply(0);
        OPTIONS.forEach(o -> assertThat(vm.getVMOption(o).getValue()).as(o).isEqualTo(before.get(o)));
    }
}
