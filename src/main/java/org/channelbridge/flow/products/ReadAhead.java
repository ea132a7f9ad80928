package org.channelbridge.flow.products;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a slow source (a database cursor and the mapping of its rows) on a thread of its own, a few chunks ahead of
 * the reader, so that reading and writing a large inventory file use two cores. Holds at most {@code chunksAhead}
 * chunks of {@code chunkSize} items: the memory stays small whatever the source's size. The thread is never
 * interrupted (H2 closes its database file when a thread is interrupted during its I/O). The source's failure is
 * thrown to the reader, in order, after the items before it. Close it before the source's own resources: closing
 * stops the thread and waits for it, so the source is never used by two threads at once.
 */
final class ReadAhead<T> implements Iterator<T>, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> chunks;
    private final Thread thread;
    private volatile boolean stopped;
    private Iterator<T> current = Collections.emptyIterator();
    private boolean ended;

    /** Chunks of 500, at most 4 ahead: what a catalog read needs to keep both cores busy. */
    static <T> ReadAhead<T> of(Iterator<T> source, String threadName) {
        return new ReadAhead<>(source, 500, 4, threadName);
    }

    ReadAhead(Iterator<T> source, int chunkSize, int chunksAhead, String threadName) {
        this.chunks = new ArrayBlockingQueue<>(chunksAhead);
        this.thread = new Thread(() -> fill(source, chunkSize), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    private void fill(Iterator<T> source, int chunkSize) {
        Object last = END;
        try {
            while (!stopped && source.hasNext()) {
                List<T> chunk = new ArrayList<>(chunkSize);
                while (chunk.size() < chunkSize && source.hasNext()) {
                    chunk.add(source.next());
                }
                if (!hand(chunk)) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            last = e;
        }
        hand(last);
    }

    /** Waits for room; false when the reader closed. Never interrupted: H2 closes its file on an interrupt. */
    private boolean hand(Object chunk) {
        boolean interrupted = false;
        try {
            while (!stopped) {
                try {
                    if (chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (ended) {
                return false;
            }
            Object next;
            try {
                next = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading System2's products", e);
            }
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof RuntimeException e) {
                ended = true;
                throw e;
            }
            if (next instanceof Error e) {
                ended = true;
                throw e;
            }
            current = ((List<T>) next).iterator();
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /** Stops the reading thread (when the reader gave up early) and waits until it no longer uses the source. */
    @Override
    public void close() {
        stopped = true;
        chunks.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
