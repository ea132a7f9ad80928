package org.channelbridge.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;

/**
 * Gives memory back to the machine while the bridge idles between cycles. Without a heap size of its own the JVM
 * starts with 1/64 of the machine's memory as its heap and G1 keeps every page it once touched until a full
 * collection that an idle bridge never has. When no collection ran for {@code memory.idle-gc-seconds}, G1's periodic
 * collection (JEP 346) runs one concurrently and then gives the free heap beyond 30 % back. The three options are
 * manageable, so the running JVM takes them; one set on the command line ({@code -XX:G1PeriodicGCInterval=...},
 * {@code -XX:MaxHeapFreeRatio=...}) is left as it is, and another collector than G1 is left alone.
 */
final class IdleMemory {

    private static final Logger LOG = LoggerFactory.getLogger(IdleMemory.class);

    private IdleMemory() {
    }

    static void apply(int idleGcSeconds) {
        if (idleGcSeconds <= 0) {
            return;
        }
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
                return;
            }
            // the lower bound first: MinHeapFreeRatio may never exceed MaxHeapFreeRatio
            setUnlessGiven(vm, "MinHeapFreeRatio", "10");
            setUnlessGiven(vm, "MaxHeapFreeRatio", "30");
            setUnlessGiven(vm, "G1PeriodicGCInterval", String.valueOf(idleGcSeconds * 1000L));
        } catch (RuntimeException e) {
            // a JVM without these options runs as it is: only the idle footprint is at stake
            LOG.debug("The idle collection could not be set up: {}", e.toString());
        }
    }

    private static void setUnlessGiven(HotSpotDiagnosticMXBean vm, String option, String value) {
        if (!givenAtStart(vm, option)) {
            vm.setVMOption(option, value);
        }
    }

    /** Set on the command line, in JAVA_TOOL_OPTIONS or an options file: the operator's choice. */
    static boolean givenAtStart(HotSpotDiagnosticMXBean vm, String option) {
        VMOption.Origin origin = vm.getVMOption(option).getOrigin();
        return origin == VMOption.Origin.VM_CREATION || origin == VMOption.Origin.ENVIRON_VAR
                || origin == VMOption.Origin.CONFIG_FILE;
    }
}
