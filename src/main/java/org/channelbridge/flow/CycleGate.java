package org.channelbridge.flow;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One cycle of a flow at a time, whatever starts it. Two triggers of a flow can meet — the first products cycle after
 * start and the cron, a cycle run by hand and the schedule — and two cycles over the same rows would send one product
 * twice at once and could record the older answer after the newer one. A trigger that finds a cycle running is
 * skipped: the running cycle reads System2 as it is, and the schedule comes again.
 */
public final class CycleGate {

    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * True when a cycle runs already (this exchange must not start another); otherwise the gate is this exchange's
     * until it completes, failed or not.
     */
    public boolean busy(Exchange exchange) {
        if (!running.compareAndSet(false, true)) {
            return true;
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                running.set(false);
            }
        });
        return false;
    }

    /** Whether a cycle runs now. */
    public boolean isRunning() {
        return running.get();
    }
}
