package org.channelbridge.flow;

import org.apache.camel.Exchange;
import org.channelbridge.channeladvisor.ChannelAdvisorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ChannelAdvisor unreachable (connection refused, reset, timeouts: no answer at all) as the flows see it. An item
 * that got no answer through all its redeliveries is left where it is for a later cycle — not dead-lettered, for
 * nothing is wrong with it — and the rest of that cycle's items wait too instead of each going through its own
 * redeliveries. So a flow tries one item per cycle while ChannelAdvisor is away (its back-off is the redelivery
 * delays and the cron), says so once, and takes everything up again in the first cycle that gets answers.
 */
public final class ChannelAdvisorOutage {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelAdvisorOutage.class);

    /** Flows that met the outage, with the sentence they logged. */
    private final Map<String, String> down = new ConcurrentHashMap<>();
    /** Flows whose current cycle met it: their remaining items wait. */
    private final Set<String> waitingThisCycle = ConcurrentHashMap.newKeySet();

    /** At the start of a cycle: each cycle tries again. A flow down before whose last cycle went through is back. */
    public void beginCycle(String flow) {
        boolean metItLastCycle = waitingThisCycle.remove(flow);
        if (!metItLastCycle && down.remove(flow) != null) {
            LOG.info("{}: ChannelAdvisor answers again; the flow goes on", flow);
        }
    }

    /** At the start of an item: true when this cycle of its flow already found ChannelAdvisor unreachable. */
    public boolean skipsItem(String flow) {
        return waitingThisCycle.contains(flow);
    }

    /** In a flow's error handling: true when the failure is that no answer came at all (status 0). */
    public boolean noAnswer(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) {
            error = exchange.getException();
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChannelAdvisorException ca) {
                return ca.isTransient() && ca.status() == 0;
            }
        }
        return false;
    }

    /** After the item's last redelivery got no answer either: the item waits for a later cycle, and so does the rest. */
    public void leaveForLater(Exchange exchange) {
        String flow = exchange.getProperty("bridgeFlow", "unknown", String.class);
        waitingThisCycle.add(flow);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = error == null ? "no answer" : error.getMessage();
        if (down.putIfAbsent(flow, reason) == null) {
            LOG.warn("{}: ChannelAdvisor cannot be reached ({}); items are left for a later cycle, none is"
                    + " dead-lettered for it, and each cycle tries again", flow, reason);
        }
    }

    /** Whether a flow is waiting for ChannelAdvisor now. */
    public boolean isDown(String flow) {
        return down.containsKey(flow);
    }
}
