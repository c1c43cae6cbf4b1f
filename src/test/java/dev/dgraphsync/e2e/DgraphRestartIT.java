package dev.dgraphsync.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Dgraph stopped and started again in the middle of a run: that run retries or fails, the next completes. */
@ExtendWith(RealDgraph.class)
class DgraphRestartIT {

    @TempDir
    Path dir;

    @Test
    void aDgraphRestartedMidRunLeavesNothingLostOrDoubledAfterTheNextRun() throws Exception {
        RealDgraph.freshSample(1500);
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.page-size", "20").set("dgraph.sync.checkpoint-interval", "20");
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        CompletableFuture<Integer> run = sync.onceInBackground();
        sync.awaitPassUnderWay("product", run);

        RealDgraph.stop();
        RealDgraph.start();

        int first = run.get();
        System.out.println("run interrupted by a Dgraph restart ended with exit " + first);
        assertThat(first).isIn(0, 1);
        assertThat(sync.once()).isZero();
        CatalogAssert.warehouseMatchesSource(warehouse);
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isEqualTo(1500);
    }
}
