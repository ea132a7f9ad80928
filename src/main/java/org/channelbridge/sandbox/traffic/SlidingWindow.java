package org.channelbridge.sandbox.traffic;

/** The times of the requests of the last minute, exact to the millisecond, in a growing ring buffer. */
final class SlidingWindow {
    private static final long MINUTE = 60_000;
    private long[] times = new long[64];
    private int head;
    private int size;
    private int highest;

    /** Records a request at {@code now} unless {@code limit} requests already fell in the last minute. */
    synchronized boolean tryAdd(long now, int limit) {
        while (size > 0 && times[head] <= now - MINUTE) {
            head = (head + 1) % times.length;
            size--;
        }
        if (size >= limit) {
            return false;
        }
        if (size == times.length) {
            long[] bigger = new long[times.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = times[(head + i) % times.length];
            }
            times = bigger;
            head = 0;
        }
        times[(head + size) % times.length] = now;
        size++;
        highest = Math.max(highest, size);
        return true;
    }

    synchronized int highest() {
        return highest;
    }
}
