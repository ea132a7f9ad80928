package org.channelbridge.flow;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate in front of a flow's cycle route, in a real Camel route with a parallel split as the products cycle. */
class CycleGateTest {

    private final CycleGate gate = new CycleGate();
    private final List<String> cycles = new CopyOnWriteArrayList<>();
    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("gate", gate);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cycle")
                        .filter().method("gate", "busy").stop().end()
                        .process(e -> cycles.add(e.getIn().getBody(String.class)))
                        .choice().when(body().isEqualTo("slow"))
                        .process(e -> {
                            inside.countDown();
                            release.await(30, TimeUnit.SECONDS);
                        }).end()
                        .choice().when(body().isEqualTo("failing"))
                        .throwException(new IllegalStateException("the cycle failed")).end()
                        .split(body().tokenize(",")).parallelProcessing().to("log:part?level=DEBUG");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        release.countDown();
        camel.stop();
    }

    @Test
    void aTriggerWhileACycleRunsIsSkippedAndTheNextOneAfterItRuns() throws Exception {
        CompletableFuture<Object> slow = template.asyncRequestBody("direct:cycle", "slow");
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        template.sendBody("direct:cycle", "while the slow one runs");
        assertThat(cycles).containsExactly("slow");

        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        assertThat(gate.isRunning()).isFalse();
        template.sendBody("direct:cycle", "a,b,c");
        assertThat(cycles).containsExactly("slow", "a,b,c");
    }

    @Test
    void aFailedCycleOpensTheGateForTheNext() {
        assertThatThrownBy(() -> template.sendBody("direct:cycle", "failing")).hasRootCauseMessage("the cycle failed");
        assertThat(gate.isRunning()).isFalse();
        template.sendBody("direct:cycle", "x,y");
        assertThat(cycles).containsExactly("failing", "x,y");
    }
}
