package dev.dgraphsync.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The writes of one run, in order, behind its reading: the next page is read while the last batch is written.
 *
 * <p>Each batch's write is chained after the previous one ({@link CompletableFuture#thenRunAsync}), so batches of a
 * run commit in the order they were made, one at a time, and a batch after a failed one is never written: its
 * checkpoint can never move past rows that did not land. The reading thread waits ({@link #awaitRoom}) while
 * {@code maxInFlight} batches are still being written, so a slow warehouse slows the reader and memory stays
 * bounded; and a write's failure is rethrown there, on the reading thread, where the route's error handling sees it.
 * Runs of different entities have lanes of their own, on the {@link WriterThreads} the warehouse suits.
 */
public final class BatchLane {

    private final int maxInFlight;
    private final Executor writers;
    private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    public BatchLane(int maxInFlight, Executor writers) {
        this.maxInFlight = Math.max(1, maxInFlight);
        this.writers = writers;
    }

    /** Queues a write after every write queued before it; returns at once. */
    public synchronized void submit(Runnable write) {
        tail = tail.thenRunAsync(write, writers);
        inFlight.addLast(tail);
    }

    /** Waits until fewer than {@code maxInFlight} writes are pending; rethrows the failure of a write that failed. */
    public void awaitRoom() {
        awaitUntil(maxInFlight - 1);
    }

    /** Waits until every queued write is done; rethrows the failure of a write that failed. */
    public void drain() {
        awaitUntil(0);
    }

    /** Waits until every queued write has ended, however it ended (a run that failed, before it records its end). */
    public void settle() {
        CompletableFuture<Void> last;
        synchronized (this) {
            last = tail;
        }
        last.exceptionally(ignored -> null).join();
    }

    private void awaitUntil(int pending) {
        while (true) {
            CompletableFuture<Void> oldest;
            synchronized (this) {
                while (!inFlight.isEmpty() && inFlight.peekFirst().isDone() && !inFlight.peekFirst().isCompletedExceptionally()) {
                    inFlight.removeFirst();
                }
                if (inFlight.size() <= pending && (inFlight.isEmpty() || !inFlight.peekFirst().isCompletedExceptionally())) {
                    return;
                }
                oldest = inFlight.peekFirst();
            }
            try {
                oldest.join();
            } catch (CompletionException e) {
                throw rethrown(e.getCause());
            }
        }
    }

    /** An {@link Error} of the writing thread (the heap running out) comes back as an exception the route handles. */
    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            return r;
        }
        return new IllegalStateException("a batch write ended with " + failure, failure);
    }
}
