package org.channelbridge.progress;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressClockTest {

    @Test
    void aLineIsDueOncePerIntervalAndNotBeforeTheFirstOneEnds() throws InterruptedException {
        ProgressClock clock = new ProgressClock(Duration.ofMillis(200));
        assertThat(clock.due()).as("right at the start").isFalse();
        assertThat(clock.wasLong()).isFalse();

        Thread.sleep(250);

        assertThat(clock.due()).isTrue();
        assertThat(clock.due()).as("just written").isFalse();
        assertThat(clock.wasLong()).isTrue();
    }

    @Test
    void rateAndTimeLeftComeFromTheTimeSinceTheStart() throws InterruptedException {
        ProgressClock clock = new ProgressClock();
        Thread.sleep(200);

        long rate = clock.perSecond(1_000);

        assertThat(rate).as("1,000 in a little over 0.2 s").isBetween(1_000L, 5_000L);
        assertThat(clock.secondsLeft(1_000, 10 * rate)).isBetween(9L, 11L);
        assertThat(clock.secondsLeft(0, 100)).as("nothing done yet: no division by zero").isEqualTo(100);
    }
}
