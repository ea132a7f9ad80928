package org.channelbridge.channeladvisor;

import org.channelbridge.channeladvisor.ScriptedChannelAdvisor.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestBudgetTest {

    private ScriptedChannelAdvisor ca;
    private HttpTransport transport;

    @BeforeEach
    void start() throws Exception {
        ca = new ScriptedChannelAdvisor();
        ca.onAuthorized("GET", "/v1/Orders", r -> {
            ScriptedChannelAdvisor.sleep(80);
            return Reply.json(200, "{\"value\":[]}");
        });
        transport = new HttpTransport(CamelForTests.context(), ca.settings().withLimits(1000, 8));
    }

    @AfterEach
    void stop() {
        transport.close();
        ca.close();
    }

    private ChannelAdvisorClient client(RequestBudget budget) {
        return new ChannelAdvisorClient(ca.settings(), transport, new AccessTokenProvider(ca.settings(), transport),
                budget);
    }

    private static void runConcurrently(int callers, int callsEach, Runnable call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                done.add(pool.submit(() -> {
                    for (int j = 0; j < callsEach; j++) {
                        call.run();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void neverMoreCallsInFlightThanTheConcurrencyCap() throws Exception {
        RequestBudget budget = new RequestBudget(1000, Duration.ofMinutes(1), 3);
        ChannelAdvisorClient client = client(budget);
        client.get("/v1/Orders");

        runConcurrently(8, 3, () -> client.get("/v1/Orders"));

        assertThat(ca.highestInFlight()).isLessThanOrEqualTo(3);
        assertThat(budget.highestConcurrency()).isEqualTo(3);
        assertThat(budget.waitCount()).isPositive();
        assertThat(budget.inFlight()).isZero();
        assertThat(budget.requestsSent()).isEqualTo(25);
    }

    @Test
    void neverMoreRequestsInAWindowThanTheLimit() throws Exception {
        Duration window = Duration.ofMillis(600);
        RequestBudget budget = new RequestBudget(4, window, 4);
        ChannelAdvisorClient client = client(budget);
        client.tokens().accessToken();

        runConcurrently(4, 3, () -> client.get("/v1/Orders"));

        List<Long> arrivals = ca.requests("/v1/Orders").stream().map(ScriptedChannelAdvisor.Request::atNanos)
                .sorted().toList();
        assertThat(arrivals).hasSize(12);
        for (int i = 0; i + 4 < arrivals.size(); i++) {
            // any five consecutive arrivals span at least a window, less some scheduling jitter; unthrottled, four
            // callers would send all twelve within about 250 ms
            assertThat(arrivals.get(i + 4) - arrivals.get(i)).isGreaterThan(window.minusMillis(150).toNanos());
        }
        assertThat(budget.waitCount()).isPositive();
    }

    @Test
    void aCallsRequestsLeaveTheWindowAWindowAfterItsAnswerNotItsStart() throws Exception {
        // ChannelAdvisor carries a batch's parts out (and counts them) until it answers: a slow batch's parts would
        // still be counted there if the window freed them a window after the call began
        ca.onAuthorized("POST", "/v1/$batch", r -> {
            ScriptedChannelAdvisor.sleep(400);
            return Reply.json(200, "{\"responses\":[{\"id\":\"a\",\"status\":204}]}");
        });
        Duration window = Duration.ofMillis(500);
        RequestBudget budget = new RequestBudget(2, window, 2);
        ChannelAdvisorClient client = client(budget);
        client.tokens().accessToken();

        client.batch(List.of(BatchPart.delete("a", "Products(1)")));
        client.batch(List.of(BatchPart.delete("a", "Products(1)")));

        List<Long> arrivals = ca.requests("/v1/$batch").stream().map(ScriptedChannelAdvisor.Request::atNanos)
                .sorted().toList();
        assertThat(arrivals).hasSize(2);
        // the first one's answer came 400 ms after its arrival: the second may arrive a window after that answer
        assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThan(Duration.ofMillis(400).plus(window)
                .minusMillis(30).toNanos());
    }

    @Test
    void aBatchCostsItsPartsPlusOne() {
        ca.onAuthorized("POST", "/v1/$batch", r -> Reply.json(200,
                "{\"responses\":[{\"id\":\"a\",\"status\":204},{\"id\":\"b\",\"status\":204}]}"));
        RequestBudget budget = new RequestBudget(100, Duration.ofMinutes(1), 2);
        ChannelAdvisorClient client = client(budget);

        client.batch(List.of(BatchPart.delete("a", "Products(1)"), BatchPart.delete("b", "Products(2)")));

        assertThat(budget.requestsSent()).isEqualTo(3);
    }

    @Test
    void aThrottledAnswerHoldsEveryCallerBack() {
        ca.onAuthorized("GET", "/v1/Products", r -> Reply.json(429, "{}").with("Retry-After", "1"));
        RequestBudget budget = new RequestBudget(100, Duration.ofMinutes(1), 2);
        ChannelAdvisorClient client = client(budget);

        assertThatThrownBy(() -> client.get("/v1/Products")).isInstanceOf(ChannelAdvisorThrottledException.class);
        long waitsBefore = budget.waitCount();
        client.get("/v1/Orders");

        assertThat(budget.throttledCount()).isEqualTo(1);
        assertThat(budget.waitCount()).isEqualTo(waitsBefore + 1);
    }

    @Test
    void aCallThatCanNeverFitTheBudgetIsRefused() {
        RequestBudget budget = new RequestBudget(5, Duration.ofMinutes(1), 2);

        assertThatThrownBy(() -> budget.enter(6)).isInstanceOf(IllegalArgumentException.class);
        assertThat(budget.inFlight()).isZero();
    }
}
