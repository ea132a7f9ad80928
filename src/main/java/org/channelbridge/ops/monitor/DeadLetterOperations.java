package org.channelbridge.ops.monitor;

import org.apache.camel.CamelContext;
import org.channelbridge.ops.deadletter.DeadLetter;
import org.channelbridge.ops.deadletter.DeadLetterStore;
import org.channelbridge.ops.deadletter.DeadLetterReplay;
import org.channelbridge.ops.deadletter.DeadLetterText;
import org.channelbridge.ops.deadletter.KnownFlows;

import java.util.List;

/** The dead-letter operations of the running bridge, for JMX. */
public final class DeadLetterOperations implements DeadLettersMBean {

    private final DeadLetterStore store;
    private final CamelContext context;

    public DeadLetterOperations(DeadLetterStore store, CamelContext context) {
        this.store = store;
        this.context = context;
    }

    @Override
    public long getOpen() {
        return store.openCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String list(String flow, boolean openOnly) {
        String wanted = flow == null || flow.isBlank() ? null : flow;
        if (KnownFlows.refusal(wanted) != null) {
            return KnownFlows.refusal(wanted);
        }
        List<DeadLetter> letters = store.list(wanted, openOnly);
        return DeadLetterText.of(letters);
    }

    @Override
    public String show(long id) {
        return store.find(id).map(DeadLetterText::details).orElse("There is no dead letter " + id + ".");
    }

    @Override
    public String replay(long id) {
        return DeadLetterText.results(new DeadLetterReplay(context, store).replay(List.of(id)));
    }

    @Override
    public String replayFlow(String flow) {
        if (KnownFlows.refusal(flow) != null) {
            return KnownFlows.refusal(flow);
        }
        return DeadLetterText.results(new DeadLetterReplay(context, store).replayFlow(flow));
    }

    @Override
    public String discard(long id) {
        return store.discard(id) ? "dead letter " + id + " discarded"
                : "Dead letter " + id + " is not open (or does not exist); nothing discarded.";
    }
}
