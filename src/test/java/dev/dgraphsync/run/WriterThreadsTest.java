package dev.dgraphsync.run;

import dev.dgraphsync.warehouse.BatchWriter;
import dev.dgraphsync.warehouse.Warehouse;
import dev.dgraphsync.warehouse.WarehouseTables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
        BatchLane products = new BatchLane(2, writers.executor());
        BatchLane reviews = new BatchLane(2, writers.executor());
        CountDownLatch productWriting = new CountDownLatch(1);
        CountDownLatch productMayEnd = new CountDownLatch(1);
        Set<Thread> writtenOn = ConcurrentHashMap.newKeySet();
        products.submit(() -> {
            writtenOn.add(Thread.currentThread());
            productWriting.countDown();
            await(productMayEnd);
        });
        assertThat(await(productWriting)).as("the product's write under way").isTrue();
        // Handed over while the product's write is held, so writers free to overlap would have to start it on a
        // thread of their own.
        reviews.submit(() -> writtenOn.add(Thread.currentThread()));
        productMayEnd.countDown();
        products.drain();
        reviews.drain();

        // One thread runs one write at a time: the review's began only once the product's had ended. (Watching for
        // the review's write not to begin while the product's is held would prove less, and only by waiting.)
        assertThat(writtenOn).as("threads that wrote").hasSize(1);
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
