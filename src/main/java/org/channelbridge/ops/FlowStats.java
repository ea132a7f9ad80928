package org.channelbridge.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what each flow read, sent, skipped and dead-lettered. Routes call it as the bean {@code flowStats};
 * the {@code --once} summary and the JMX view read it.
 */
public final class FlowStats {

    public static final class Counts {
        final AtomicLong read = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();
        volatile Instant lastRun;

        public long read() { return read.get(); }
        public long sent() { return sent.get(); }
        public long skipped() { return skipped.get(); }
        public long deadLettered() { return deadLettered.get(); }
        public Instant lastRun() { return lastRun; }
    }

    private final Map<String, Counts> flows = new ConcurrentHashMap<>();

    public Counts of(String flow) {
        return flows.computeIfAbsent(flow, f -> new Counts());
    }

    public void read(String flow, int count) {
        Counts c = of(flow);
        c.read.addAndGet(count);
        c.lastRun = Instant.now();
    }

    public void sent(String flow, int count) {
        of(flow).sent.addAndGet(count);
    }

    public void skipped(String flow, int count) {
        of(flow).skipped.addAndGet(count);
    }

    public void deadLettered(String flow) {
        of(flow).deadLettered.incrementAndGet();
    }

    /** A plain text table, one row per flow in the given order; flows never run are left out. */
    public String summaryTable(List<String> order) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"flow", "read", "sent", "skipped", "dead-lettered"});
        for (String flow : order) {
            Counts c = flows.get(flow);
            if (c != null) {
                rows.add(new String[] {flow, String.valueOf(c.read()), String.valueOf(c.sent()),
                        String.valueOf(c.skipped()), String.valueOf(c.deadLettered())});
            }
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                out.append(i == 0 ? String.format("%-" + widths[i] + "s", cell) : String.format("  %" + widths[i] + "s", cell));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
