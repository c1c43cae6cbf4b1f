package dev.dgraphsync.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warehouse going away or refusing rows in the middle of a run: the run fails cleanly, the next completes. Into
 * the test's own H2 file; {@link PostgresWarehouseIT} runs the same tests against a PostgreSQL server.
 */
@ExtendWith(RealDgraph.class)
class WarehouseFailuresIT {

    static final int PRODUCTS = 1500;

    @TempDir
    Path dir;

    @BeforeAll
    static void sampleCatalog() throws Exception {
        RealDgraph.freshSample(PRODUCTS);
    }

    @Test
    void aWarehouseShutDownMidRunFailsTheRunAndTheNextRunCompletesWithNothingLostOrDoubled() throws Exception {
        SyncRunner sync = syncRunner(dir).set("dgraph.sync.page-size", "20").set("dgraph.sync.checkpoint-interval", "20");
        WarehouseRows warehouse = sync.rows();
        CompletableFuture<Integer> run = sync.onceInBackground();
        sync.awaitPassUnderWay("product", run);
        crash(sync);
        assertThat(run.get(2, TimeUnit.MINUTES)).isIn(0, 1);
        // A pool may hand the next batch a fresh connection, so the run may live through the crash; if it did not,
        // it says why: a lost connection, not a batch the warehouse refused.
        assertThat(warehouse.query("SELECT status, error_message FROM sync_run WHERE entity = 'product'"))
                .singleElement().satisfiesAnyOf(
                        r -> assertThat(r).containsEntry("status", "SUCCEEDED"),
                        r -> assertThat((String) r.get("error_message"))
                                .contains("product: the warehouse connection was lost while writing a batch of"));

        assertThat(sync.once()).isZero();
        CatalogAssert.warehouseMatchesSource(warehouse);
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isEqualTo(PRODUCTS);
    }

    @Test
    void aConstraintTheWarehouseEnforcesFailsTheBatchNamingItAndKeepsTheCheckpoint() throws Exception {
        SyncRunner sync = syncRunner(dir);
        WarehouseRows warehouse = sync.rows();
        assertThat(sync.once()).isZero();
        execute(sync, "ALTER TABLE product ADD CONSTRAINT no_renamed CHECK (name <> 'refused by the warehouse')");
        String id = (String) warehouse.query("SELECT product_id FROM product ORDER BY product_id LIMIT 1").get(0).get("product_id");
        RealDgraph.graphql("mutation($id: [ID!], $t: DateTime) { updateProduct(input: {filter: {id: $id},"
                + " set: {name: \"refused by the warehouse\", updatedAt: $t}}) { numUids } }",
                Map.of("id", List.of(id), "t", Instant.now().toString()));
        Map<String, Object> before = warehouse.byKey(WarehouseRows.CHECKPOINTS).get("product");

        assertThat(sync.once()).isEqualTo(1);

        assertThat(failure(warehouse)).contains("product: the warehouse refused a batch of 1 rows").containsIgnoringCase("no_renamed");
        assertThat(warehouse.byKey(WarehouseRows.CHECKPOINTS).get("product")).isEqualTo(before);
        execute(sync, "ALTER TABLE product DROP CONSTRAINT no_renamed");
        assertThat(sync.once()).isZero();
        CatalogAssert.warehouseMatchesSource(warehouse);
    }

    /** The sync under test, into the test's own H2 file. */
    SyncRunner syncRunner(Path dir) throws Exception {
        return new SyncRunner(dir);
    }

    /** The warehouse going away under a run, as if it crashed. */
    void crash(SyncRunner sync) throws Exception {
        try (Connection c = DriverManager.getConnection(sync.jdbcUrl, "sa", "")) {
            c.createStatement().execute("SHUTDOWN IMMEDIATELY");
        } catch (java.sql.SQLException closedUnderUs) {
            // the shutdown closes this connection too
        }
    }

    static String failure(WarehouseRows warehouse) throws Exception {
        return (String) warehouse.query("SELECT error_message FROM sync_run WHERE entity = 'product' AND status = 'FAILED'")
                .get(0).get("error_message");
    }

    static void execute(SyncRunner sync, String sql) throws Exception {
        sync.rows().execute(sql);
    }
}
