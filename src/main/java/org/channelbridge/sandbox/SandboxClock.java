package org.channelbridge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Wall time plus an offset that tests (and the admin API) can move forward, e.g. to expire tokens. */
public final class SandboxClock {
    private final AtomicLong offsetMillis = new AtomicLong();

    public Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    public void advance(Duration d) {
        offsetMillis.addAndGet(d.toMillis());
    }
}
