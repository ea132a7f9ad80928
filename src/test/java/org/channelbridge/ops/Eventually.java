package org.channelbridge.ops;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, looking once a second, until a condition holds or a limit has passed, for tests of a running bridge. */
final class Eventually {

    private Eventually() {
    }

    static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(1000);
        }
        return condition.getAsBoolean();
    }
}
