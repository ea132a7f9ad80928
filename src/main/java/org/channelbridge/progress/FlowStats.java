package org.channelbridge.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what each flow read, sent, skipped and dead-lettered, plus named tallies a flow's cycle line tells (orders
 * completed past 20 items, product fields and quantities, items held back by open dead letters...), and keeps the
 * last hour of finished cycles. Routes call it as the bean {@code flowStats}; the {@code --once} summary, the cycle
 * lines, the JMX view and {@code status} read it. Each ChannelAdvisor profile counts apart: this object is the first
 * profile's, {@link #forProfile} the others' (bean {@code flowStats-<name>}).
 */
public final class FlowStats {

    /** Items whose open dead letter holds them back (a known failure, not news). */
    public static final String HELD_BACK = "held back";
    /** Tallies of the orders and products lines. */
    public static final String COMPLETED = "completed past 20 items";
    public static final String CHANGED = "changed";
    public static final String BATCHES = "batches";
    public static final String CREATED = "created";
    public static final String FIELDS = "fields";
    public static final String QUANTITIES = "quantities";
    public static final String ATTRIBUTES = "attributes";

    /** One finished cycle of a flow: when it ended, how long it took, items it did, and its failure if any. */
    public record Cycle(Instant end, Duration took, long items, String failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    private static final Duration KEPT = Duration.ofHours(1);

    public static final class Counts {
        final AtomicLong read = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();
        final Map<String, AtomicLong> tallies = new ConcurrentHashMap<>();
        final Deque<Cycle> cycles = new ArrayDeque<>();
        volatile Instant lastRun;
        volatile long leftByLastCycle = -1;

        public long read() { return read.get(); }
        public long sent() { return sent.get(); }
        public long skipped() { return skipped.get(); }
        public long deadLettered() { return deadLettered.get(); }
        public Instant lastRun() { return lastRun; }
        public long tally(String name) {
            AtomicLong value = tallies.get(name);
            return value == null ? 0 : value.get();
        }

        /** Every counter and tally by name, for the difference a cycle made. */
        public Map<String, Long> snapshot() {
            Map<String, Long> all = new TreeMap<>();
            tallies.forEach((name, value) -> all.put(name, value.get()));
            all.put("read", read());
            all.put("sent", sent());
            all.put("skipped", skipped());
            all.put("dead-lettered", deadLettered());
            return all;
        }

        /**
         * Items the last cycle read but neither moved nor found already done (what still waits at the source: for
         * orders, ready orders in ChannelAdvisor not yet saved); -1 before the first cycle.
         */
        public long leftByLastCycle() {
            return leftByLastCycle;
        }

        public synchronized Optional<Cycle> lastCycle() {
            return Optional.ofNullable(cycles.peekLast());
        }

        /** Items the cycles that ended after {@code since} did. */
        public synchronized long itemsSince(Instant since) {
            return cycles.stream().filter(c -> c.end().isAfter(since)).mapToLong(Cycle::items).sum();
        }

        synchronized void add(Cycle cycle) {
            cycles.addLast(cycle);
            Instant oldest = cycle.end().minus(KEPT);
            while (cycles.size() > 1 && cycles.peekFirst().end().isBefore(oldest)) {
                cycles.removeFirst();
            }
        }
    }

    private final Map<String, Counts> flows = new ConcurrentHashMap<>();
    /** The first profile's counts: this one's, shared by every view. */
    private final FlowStats first;
    /** The other profiles' views by profile id (kept in the first one's), in the order they were first asked for. */
    private final Map<Long, FlowStats> others;
    private final AtomicLong firstProfileId;
    private final long profileId;

    /** The counts of the first (or only) profile; {@link #forProfile} gives the others'. */
    public FlowStats() {
        this.first = this;
        this.others = Collections.synchronizedMap(new LinkedHashMap<>());
        this.firstProfileId = new AtomicLong();
        this.profileId = 0;
    }

    private FlowStats(FlowStats first, long profileId) {
        this.first = first;
        this.others = first.others;
        this.firstProfileId = first.firstProfileId;
        this.profileId = profileId;
    }

    /**
     * Names the first profile's id: its counts are then this object's (what names no profile, a bulk run or a dead
     * letter of no profile, counts for the first, as an endpoint that names no client acts for it).
     */
    public void firstProfileIs(long id) {
        firstProfileId.set(id);
    }

    /**
     * The counts of one ChannelAdvisor profile (by id): each profile's routes count into their own (bean
     * {@code flowStats-<name>}), so that a profile's MBeans and metrics show its items only. 0, or the first profile's
     * id, is the first profile's: this object.
     */
    public FlowStats forProfile(long id) {
        if (id == 0 || id == first.firstProfileId.get()) {
            return first;
        }
        synchronized (others) {
            return others.computeIfAbsent(id, i -> new FlowStats(first, i));
        }
    }

    /** The profile id of these counts (0: the first profile's, whatever its id). */
    public long profileId() {
        return this == first ? firstProfileId.get() : profileId;
    }

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

    /** Adds to a named tally of the flow (shown in its cycle line). */
    public void tally(String flow, String name, long count) {
        of(flow).tallies.computeIfAbsent(name, n -> new AtomicLong()).addAndGet(count);
    }

    public void heldBack(String flow) {
        tally(flow, HELD_BACK, 1);
    }

    public void cycleEnded(String flow, Cycle cycle) {
        of(flow).add(cycle);
    }

    /** What the flow's last cycle read and left (see {@link Counts#leftByLastCycle()}). */
    public void leftByCycle(String flow, long items) {
        of(flow).leftByLastCycle = Math.max(0, items);
    }

    /**
     * A plain text table, one row per flow in the given order; flows never run are left out. With several profiles,
     * one row per flow and profile, with a profile column (the profile id).
     */
    public String summaryTable(List<String> order) {
        List<FlowStats> profiles = new ArrayList<>();
        profiles.add(first);
        synchronized (others) {
            profiles.addAll(others.values());
        }
        boolean several = profiles.size() > 1;
        List<String[]> rows = new ArrayList<>();
        rows.add(several ? new String[] {"flow", "profile", "read", "sent", "skipped", "dead-lettered"}
                : new String[] {"flow", "read", "sent", "skipped", "dead-lettered"});
        for (String flow : order) {
            for (FlowStats profile : profiles) {
                Counts c = profile.flows.get(flow);
                if (c == null) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(flow));
                if (several) {
                    row.add(String.valueOf(profile.profileId()));
                }
                row.addAll(List.of(String.valueOf(c.read()), String.valueOf(c.sent()), String.valueOf(c.skipped()),
                        String.valueOf(c.deadLettered())));
                rows.add(row.toArray(String[]::new));
            }
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        int text = several ? 2 : 1;
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                out.append(i < text ? String.format((i == 0 ? "" : "  ") + "%-" + widths[i] + "s", cell)
                        : String.format("  %" + widths[i] + "s", cell));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }
}
