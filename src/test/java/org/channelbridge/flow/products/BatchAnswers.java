package org.channelbridge.flow.products;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.channelbridge.channeladvisor.BatchPart;
import org.channelbridge.channeladvisor.BatchPartResult;
import org.channelbridge.channeladvisor.ChannelAdvisorException;
import org.channelbridge.channeladvisor.ErrorClassifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@code MockEndpoint} in place of {@code channeladvisor:products/batch} answers: every part accepted (a
 * create gets a new ID) unless a rule for its path says otherwise, or the whole batch fails as {@link #failNext}
 * says. Keeps each batch it was sent.
 */
final class BatchAnswers implements Processor {

    private final AtomicLong ids = new AtomicLong(1000);
    private final Map<String, Integer> statusByPathPart = new ConcurrentHashMap<>();
    private final List<ChannelAdvisorException> failNext = new CopyOnWriteArrayList<>();
    final List<List<BatchPart>> batches = new CopyOnWriteArrayList<>();

    /** Every part whose path contains {@code pathPart} is answered with {@code status}. */
    BatchAnswers answer(String pathPart, int status) {
        statusByPathPart.put(pathPart, status);
        return this;
    }

    /** The next batches fail as a whole with these failures, one each. */
    BatchAnswers failNext(ChannelAdvisorException... failures) {
        failNext.addAll(List.of(failures));
        return this;
    }

    /** A failure as the client classifies an answer of {@code status} to a $batch. */
    static ChannelAdvisorException batchFailure(int status) {
        return ErrorClassifier.classify("POST", "http://ca/v1/$batch", status, status == 429 ? "0" : null,
                "{\"error\":{\"message\":\"test\"}}".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        List<BatchPart> parts = exchange.getMessage().getBody(List.class);
        batches.add(List.copyOf(parts));
        if (!failNext.isEmpty()) {
            throw failNext.remove(0);
        }
        List<BatchPartResult> results = new ArrayList<>();
        for (BatchPart part : parts) {
            results.add(answerTo(part));
        }
        exchange.getMessage().setBody(results);
    }

    private BatchPartResult answerTo(BatchPart part) {
        int status = statusByPathPart.entrySet().stream().filter(e -> part.path().contains(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(part.path().equals("/v1/Products") ? 201 : 204);
        if (status >= 200 && status < 300) {
            return new BatchPartResult(part, status, status == 201
                    ? JsonNodeFactory.instance.objectNode().put("ID", ids.incrementAndGet())
                    : MissingNode.getInstance(), BatchPartResult.Outcome.OK, null);
        }
        ChannelAdvisorException failure = ErrorClassifier.classify(part.method(), "http://ca" + part.path(), status,
                null, "{\"error\":{\"message\":\"refused by the test\"}}".getBytes(StandardCharsets.UTF_8));
        return new BatchPartResult(part, status, MissingNode.getInstance(),
                failure.isTransient() ? BatchPartResult.Outcome.TRANSIENT : BatchPartResult.Outcome.REJECTED, failure);
    }

    /** How many parts of each batch went out, in order. */
    List<Integer> sizes() {
        return batches.stream().map(List::size).toList();
    }

    /** The parts sent for paths containing {@code pathPart}, over all batches. */
    long partsTo(String pathPart) {
        return batches.stream().flatMap(List::stream).filter(p -> p.path().contains(pathPart)).count();
    }
}
