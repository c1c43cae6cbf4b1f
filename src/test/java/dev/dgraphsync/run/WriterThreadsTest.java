package dev.dgraphsync.run;

import dev.dgraphsync.warehouse.BatchWriter;
import dev.dgraphsync.warehouse.Warehouse;
import dev.dgraphsync.warehouse.WarehouseTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Which batches may be written at the same time: two entities' lanes on H2, and on a warehouse that writes in parallel. */
class WriterThreadsTest {

    private final WriterThreads writers = new WriterThreads();

    @AfterEach
    void stop() {
        writers.close();
    }

    @Test
    void onH2TheBatchesOfTwoEntitiesAreWrittenOneAfterTheOther() {
        writers.setWriter(writerOn(InMemoryWarehouse.h2()));
        BatchLane products = new BatchLane(4, writers.executor());
        BatchLane reviews = new BatchLane(4, writers.executor());
        AtomicInteger writing = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Runnable write = () -> {
            mostAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20); // long enough to overlap if allowed
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            writing.decrementAndGet();
        };
        for (int i = 0; i < 3; i++) {
            products.submit(write);
            reviews.submit(write);
        }
        products.drain();
        reviews.drain();
        assertThat(mostAtOnce).as("batches being written at once").hasValue(1);
    }

    @Test
    void onAWarehouseThatWritesInParallelTwoEntitiesWriteAtTheSameTime() throws InterruptedException {
        writers.setWriter(new BatchWriter() {
            @Override
            public boolean writesInParallel() {
                return true;
            }
        });
        BatchLane products = new BatchLane(2, writers.executor());
        BatchLane reviews = new BatchLane(2, writers.executor());
        CountDownLatch productWriting = new CountDownLatch(1);
        CountDownLatch reviewWriting = new CountDownLatch(1);
        AtomicInteger overlapped = new AtomicInteger();
        products.submit(() -> {
            productWriting.countDown();
            if (await(reviewWriting)) {
                overlapped.incrementAndGet();
            }
        });
        reviews.submit(() -> {
            reviewWriting.countDown();
            if (await(productWriting)) {
                overlapped.incrementAndGet();
            }
        });
        products.drain();
        reviews.drain();
        assertThat(overlapped).as("writes that saw the other entity's write under way").hasValue(2);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static BatchWriter writerOn(Warehouse warehouse) {
        WarehouseTables tables = new WarehouseTables();
        tables.setWarehouse(warehouse);
        BatchWriter writer = new BatchWriter();
        writer.setTables(tables);
        return writer;
    }
}
