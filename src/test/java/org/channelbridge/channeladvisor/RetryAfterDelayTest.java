package org.channelbridge.channeladvisor;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A route whose onException for throttling uses RetryAfterDelay, its redelivery policy asking for only 10 ms. */
class RetryAfterDelayTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private volatile Duration retryAfter;

    @BeforeEach
    void start() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(ChannelAdvisorThrottledException.class)
                        .onExceptionOccurred(new RetryAfterDelay())
                        .maximumRedeliveries(2).redeliveryDelay(10).handled(true);
                from("direct:send").process(exchange -> {
                    attempts.add(System.nanoTime());
                    if (attempts.size() < 3) {
                        throw new ChannelAdvisorThrottledException("throttled", "", retryAfter);
                    }
                });
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private long gapMillis(int attempt) {
        return (attempts.get(attempt) - attempts.get(attempt - 1)) / 1_000_000;
    }

    @Test
    void theRedeliveryWaitsAtLeastWhatRetryAfterAsks() {
        retryAfter = Duration.ofMillis(400);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> camel.createProducerTemplate().sendBody("direct:send", "x"));

        assertThat(attempts).hasSize(3);
        assertThat(gapMillis(1)).isGreaterThanOrEqualTo(400);
        assertThat(gapMillis(2)).isGreaterThanOrEqualTo(400);
    }

    @Test
    void withoutRetryAfterThePolicyDelayApplies() {
        retryAfter = null;

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> camel.createProducerTemplate().sendBody("direct:send", "x"));

        assertThat(attempts).hasSize(3);
    }
}
