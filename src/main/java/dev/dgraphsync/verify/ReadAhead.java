package dev.dgraphsync.verify;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One side of {@code verify}'s comparison, read page after page by a thread of its own into a bounded queue: the
 * reader keeps up to {@code ahead} pages ready while the comparison works, and waits when they are not taken. A page
 * is handed over whole; the comparison takes its items one by one with {@link #next()}. A failure of the reader is
 * handed over after the pages before it and thrown by {@code next()}.
 *
 * <p>{@link #close} never interrupts the reader: an interrupt that lands while it reads H2 closes H2's file channel
 * (Java NIO closes an interruptible channel for every thread), and every other connection to that warehouse, a sync's
 * among them, would then fail. The reader finishes the page it is reading and stops: the queue is emptied, so a reader
 * waiting for room gets it, sees the comparison closed, and goes.
 */
final class ReadAhead<T> implements AutoCloseable {

    /** Reads the pages of one side in order. */
    interface Pages<T> {
        /** The next page; empty when there is none left. */
        Deque<T> next() throws Exception;
    }

    /** A page, the end (empty), or what ended the reading. */
    private record Read<T>(Deque<T> items, Exception failure) {
    }

    private final BlockingQueue<Read<T>> ready;
    private volatile boolean closed;
    private Deque<T> page = new ArrayDeque<>();
    private boolean ended;
    private long waited;

    ReadAhead(String name, int ahead, Pages<T> pages) {
        this.ready = new ArrayBlockingQueue<>(ahead);
        Thread reader = new Thread(() -> readAll(pages), name);
        reader.setDaemon(true);
        reader.start();
    }

    /** The next item in order; null after the last. What ended the reading is thrown (a checked one wrapped). */
    T next() {
        while (page.isEmpty()) {
            if (ended) {
                return null;
            }
            long start = System.nanoTime();
            Read<T> read;
            try {
                read = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("verify was interrupted", e);
            } finally {
                waited += System.nanoTime() - start;
            }
            if (read.failure() != null) {
                ended = true;
                throw read.failure() instanceof RuntimeException r ? r : new IllegalStateException(read.failure());
            }
            page = read.items();
            ended = page.isEmpty();
        }
        return page.poll();
    }

    /** How long {@link #next()} has waited for this side, in nanoseconds. */
    long waited() {
        return waited;
    }

    private void readAll(Pages<T> pages) {
        try {
            boolean more;
            do {
                Deque<T> items = pages.next();
                more = !items.isEmpty(); // asked before the hand-over: the comparison empties the page it takes
                ready.put(new Read<>(items, null));
            } while (more && !closed);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!closed) {
                try {
                    // put, not offer: with the queue full, the comparison takes the pages ahead first, then this.
                    ready.put(new Read<>(new ArrayDeque<>(), e));
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The comparison is over: the reader stops after the page it is reading (see above). */
    @Override
    public void close() {
        closed = true;
        ready.clear();
    }
}
