package org.channelbridge.ops.monitor;

import static org.channelbridge.progress.FlowStats.ATTRIBUTES;
import static org.channelbridge.progress.FlowStats.BATCHES;
import static org.channelbridge.progress.FlowStats.CHANGED;
import static org.channelbridge.progress.FlowStats.COMPLETED;
import static org.channelbridge.progress.FlowStats.CREATED;
import static org.channelbridge.progress.FlowStats.FIELDS;
import static org.channelbridge.progress.FlowStats.HELD_BACK;
import static org.channelbridge.progress.FlowStats.QUANTITIES;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The one line a flow's cycle tells the operator: what it did, in the flow's own words, and how long it took
 * ({@code orders: 3 saved (1 completed past 20 items), 0 already held, 0 dead letters, 412 ms}).
 */
public final class CycleLine {

    private final Map<String, Long> done;

    private CycleLine(Map<String, Long> done) {
        this.done = done;
    }

    /** The line for what a cycle changed in the flow's counters ({@code done}: the difference per counter). */
    static String of(String flow, Map<String, Long> done, Duration took) {
        return new CycleLine(done).text(flow) + ", " + time(took);
    }

    /** A cycle is news when it moved an item or met a new failure; one that only held items back is not. */
    static boolean isNews(Map<String, Long> done) {
        return done.getOrDefault("sent", 0L) + done.getOrDefault("dead-lettered", 0L)
                + done.getOrDefault(CHANGED, 0L) > 0;
    }

    private String text(String flow) {
        return switch (flow) {
            case "orders" -> "orders: " + n("sent") + " saved (" + n(COMPLETED) + " completed past 20 items), "
                    + n("skipped") + " already held" + failures();
            case "acks" -> "acks: " + n("sent") + " exported" + skipped() + failures();
            case "products" -> "products: " + n(CHANGED) + " changed of " + n("read") + " read (" + parts() + "), "
                    + plural(n(BATCHES), "batch", "batches") + failures();
            case "shipments" -> "shipments: " + n("sent") + " sent of " + n("read") + " unsent" + waiting()
                    + skipped() + failures();
            case "refunds" -> "refunds: " + n("sent") + " submitted of " + n("read") + " new" + waiting()
                    + skipped() + failures();
            default -> flow + ": " + n("sent") + " sent of " + n("read") + " read" + skipped() + failures();
        };
    }

    private String parts() {
        StringBuilder parts = new StringBuilder(n(FIELDS) + " fields, " + n(QUANTITIES) + " quantities");
        if (n(CREATED) > 0) {
            parts.append(", ").append(n(CREATED)).append(" created");
        }
        if (n(ATTRIBUTES) > 0) {
            parts.append(", ").append(n(ATTRIBUTES)).append(" attributes");
        }
        return parts.toString();
    }

    /** Items read but neither sent, skipped nor failed: they wait for their order (readiness). */
    private String waiting() {
        long waiting = n("read") - n("sent") - n("skipped") - n("dead-lettered") - n(HELD_BACK);
        return waiting > 0 ? " (" + waiting + " waiting)" : "";
    }

    private String skipped() {
        return n("skipped") > 0 ? ", " + n("skipped") + " skipped" : "";
    }

    private String failures() {
        String line = ", " + plural(n("dead-lettered"), "dead letter", "dead letters");
        if (n(HELD_BACK) > 0) {
            line += ", " + n(HELD_BACK) + " held back by open dead letters";
        }
        return line;
    }

    private long n(String name) {
        return Math.max(0, done.getOrDefault(name, 0L));
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    public static String time(Duration took) {
        long ms = took.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
