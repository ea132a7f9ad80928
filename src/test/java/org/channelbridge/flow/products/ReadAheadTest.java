package org.channelbridge.flow.products;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadAheadTest {

    @Test
    void everyItemArrivesOnceInTheSourcesOrder() {
        List<Integer> source = IntStream.range(0, 10_007).boxed().toList();
        List<Integer> read = new ArrayList<>();
        try (ReadAhead<Integer> items = new ReadAhead<>(source.iterator(), 100, 3, "test-reader")) {
            items.forEachRemaining(read::add);
            assertThat(items.hasNext()).isFalse();
        }
        assertThat(read).isEqualTo(source);
    }

    @Test
    void aFailureOfTheSourceReachesTheReaderAfterTheItemsBeforeIt() {
        Iterator<Integer> failing = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == 250) {
                    throw new IllegalStateException("Reading System2's products failed: connection reset");
                }
                return next++;
            }
        };
        List<Integer> read = new ArrayList<>();
        try (ReadAhead<Integer> items = new ReadAhead<>(failing, 100, 3, "test-reader")) {
            assertThatThrownBy(() -> items.forEachRemaining(read::add))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("connection reset");
        }
        // whole chunks only: the 50 items read before the failure in the unfinished chunk are not handed over
        assertThat(read).isEqualTo(IntStream.range(0, 200).boxed().toList());
    }

    @Test
    void closingEarlyStopsTheReadingBeforeTheSourceIsClosed() throws InterruptedException {
        AtomicInteger taken = new AtomicInteger();
        Iterator<Integer> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return taken.incrementAndGet();
            }
        };
        ReadAhead<Integer> items = new ReadAhead<>(endless, 10, 2, "test-reader");
        assertThat(items.next()).isEqualTo(1);
        items.close();
        int afterClose = taken.get();
        Thread.sleep(100);

        assertThat(afterClose).as("at most the chunks that fit ahead, plus one being filled").isLessThanOrEqualTo(40);
        assertThat(taken.get()).as("nothing read once closed").isEqualTo(afterClose);
    }
}
