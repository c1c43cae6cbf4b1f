package dev.dgraphsync.run;

import dev.dgraphsync.warehouse.BatchWriter;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every run's {@link BatchLane} writes on. A warehouse that writes in parallel (PostgreSQL) gets a
 * thread per lane writing at a time; one that does not (H2's single-file store) gets one thread, so the batches of
 * different entities commit one after another instead of contending inside the store. Either way a lane's own
 * batches commit in order. Idle threads go after a minute; {@link #close} stops them with the context.
 */
public class WriterThreads implements AutoCloseable {

    private final AtomicInteger threads = new AtomicInteger();
    private BatchWriter writer;
    private volatile ExecutorService executor;

    /** The executor for a new run's lane, made when the first run opens (the warehouse is known by then). */
    public Executor executor() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (this) {
                if (executor == null) {
                    executor = writer == null || writer.writesInParallel()
                            ? Executors.newCachedThreadPool(named())
                            : Executors.newSingleThreadExecutor(named());
                }
                e = executor;
            }
        }
        return e;
    }

    private ThreadFactory named() {
        return task -> {
            Thread t = new Thread(task, "dgraph-sync-writer-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Writes already handed over finish; no new ones start. */
    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdown();
        }
    }

    public void setWriter(BatchWriter writer) { this.writer = writer; }
}
