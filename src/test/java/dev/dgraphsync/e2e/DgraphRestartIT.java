package dev.dgraphsync.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Dgraph stopped and started again in the middle of a run: that run retries or fails, the next completes. */
@ExtendWith(RealDgraph.class)
class DgraphRestartIT {

    @TempDir
    Path dir;

    @Test
    void aDgraphRestartedMidRunLeavesNothingLostOrDoubledAfterTheNextRun() throws Exception {
        RealDgraph.reset(RealDgraph.SCHEMA);
        RealDgraph.loadSample(1500);
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.page-size", "20").set("dgraph.sync.checkpoint-interval", "20");
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return sync.once();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!run.isDone() && System.nanoTime() < deadline && !productPassUnderWay(warehouse)) {
            Thread.sleep(20); // polling a condition with a deadline
        }
        assertThat(run).as("the product pass got under way before the run ended").isNotDone();

        RealDgraph.stop();
        RealDgraph.start();

        int first = run.get();
        System.out.println("run interrupted by a Dgraph restart ended with exit " + first);
        assertThat(first).isIn(0, 1);
        assertThat(sync.once()).isZero();
        CatalogAssert.warehouseMatchesSource(warehouse);
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isEqualTo(1500);
    }

    private static boolean productPassUnderWay(WarehouseRows warehouse) {
        try {
            return !warehouse.query("SELECT 1 FROM sync_checkpoint WHERE entity = 'product' AND after_uid IS NOT NULL").isEmpty();
        } catch (java.sql.SQLException tablesNotCreatedYet) {
            return false;
        }
    }
}
