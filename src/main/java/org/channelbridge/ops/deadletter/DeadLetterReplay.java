package org.channelbridge.ops.deadletter;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.channelbridge.ops.deadletter.DeadLetter;
import org.channelbridge.ops.deadletter.DeadLetterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays dead letters through their flow: each flow's route {@code direct:<flow>-replay} takes the business key
 * (exchange property {@code bridgeBusinessKey}) and the profile it belongs to (exchange property
 * {@code bridgeProfileId}), re-reads the item from its source (System2, or ChannelAdvisor for orders) and sends it
 * through the flow's own item route and idempotent guard. A replay that ends without a new failure resolves the dead
 * letter; one that fails again leaves the one dead letter open, with one more attempt.
 */
public final class DeadLetterReplay {

    public enum Outcome { RESOLVED, FAILED_AGAIN, NOT_FOUND, DISCARDED, NO_REPLAY_ROUTE }

    /** What became of one replayed dead letter. */
    public record Result(long id, String flow, String businessKey, Outcome outcome, String message) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);
    /** The registry's map of profile id → the suffix of that profile's route ids (none: one profile). */
    public static final String SUFFIXES = "bridgeRouteSuffixes";

    private final CamelContext context;
    private final DeadLetterStore store;

    public DeadLetterReplay(CamelContext context, DeadLetterStore store) {
        this.context = context;
        this.store = store;
    }

    /** Replays every open dead letter of the flow, oldest first. */
    public List<Result> replayFlow(String flow) {
        List<DeadLetter> open = new ArrayList<>(store.list(flow, true));
        Collections.reverse(open);
        List<Result> results = new ArrayList<>();
        for (DeadLetter letter : open) {
            results.add(replay(letter));
        }
        return results;
    }

    public List<Result> replay(List<Long> ids) {
        List<Result> results = new ArrayList<>();
        for (long id : ids) {
            Optional<DeadLetter> letter = store.find(id);
            results.add(letter.isPresent() ? replay(letter.get())
                    : new Result(id, "", "", Outcome.NOT_FOUND, "There is no dead letter " + id + "."));
        }
        return results;
    }

    private Result replay(DeadLetter letter) {
        if (letter.state().equals("DISCARDED")) {
            return result(letter, Outcome.DISCARDED, "It was discarded; it is not replayed.");
        }
        // the dead letter's own profile's route (bean bridgeRouteSuffixes: profile id → what its route ids add)
        String route = letter.flow() + "-replay" + suffixOf(letter.profileId());
        if (context.getRoute(route) == null) {
            return result(letter, Outcome.NO_REPLAY_ROUTE, "The flow " + letter.flow() + " has no route " + route + ".");
        }
        MDC.put("bridgeFlow", letter.flow());
        MDC.put("bridgeBusinessKey", letter.businessKey());
        try {
            store.markReplayed(letter.id());
            LOG.info("{}: replaying dead letter {} ({})", letter.flow(), letter.id(), letter.businessKey());
            ProducerTemplate template = context.createProducerTemplate();
            Exchange done;
            try {
                done = template.send("direct:" + route, exchange -> {
                    exchange.setProperty(DeadLetterStore.FLOW, letter.flow());
                    exchange.setProperty(DeadLetterStore.BUSINESS_KEY, letter.businessKey());
                    exchange.setProperty(DeadLetterStore.PROFILE, letter.profileId());
                    exchange.getMessage().setBody(letter.businessKey());
                });
            } finally {
                template.stop();
            }
            if (done.getException() != null) {
                // the replay itself failed (System2 unreadable, no such row...): the dead letter stays open
                store.forProfile(letter.profileId()).record(letter.flow(), letter.businessKey(), letter.item(), null,
                        store.sentenceOf(done.getException()));
            }
            if (store.resolveIfReplayed(letter.id())) {
                LOG.info("{}: dead letter {} ({}) resolved by replay", letter.flow(), letter.id(), letter.businessKey());
                return result(letter, Outcome.RESOLVED, "Replayed without failure.");
            }
            String message = store.find(letter.id()).map(DeadLetter::message).orElse("");
            return result(letter, Outcome.FAILED_AGAIN, message);
        } finally {
            MDC.remove("bridgeFlow");
            MDC.remove("bridgeBusinessKey");
        }
    }

    @SuppressWarnings("unchecked")
    private String suffixOf(long profileId) {
        Map<Long, String> suffixes = context.getRegistry().lookupByNameAndType(SUFFIXES, Map.class);
        return suffixes == null ? "" : suffixes.getOrDefault(profileId, "");
    }

    private static Result result(DeadLetter letter, Outcome outcome, String message) {
        return new Result(letter.id(), letter.flow(), letter.businessKey(), outcome, message);
    }
}
