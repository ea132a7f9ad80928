package org.channelbridge.ops.deadletter;

import org.channelbridge.flow.Flows;

/**
 * The flow names a dead-letter command or operation accepts. Anything else (a typo, a value meant to look like
 * SQL) is refused with one sentence rather than quietly matching nothing.
 */
public final class KnownFlows {

    private KnownFlows() {
    }

    /** Null when {@code flow} is a flow of the bridge, else the sentence that refuses it. */
    public static String refusal(String flow) {
        if (flow == null || Flows.IN_CYCLE_ORDER.contains(flow)) {
            return null;
        }
        String shown = flow.replaceAll("\\p{Cntrl}", "?");
        shown = shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
        return "There is no flow '" + shown + "'; the flows are " + String.join(", ", Flows.IN_CYCLE_ORDER) + ".";
    }
}
