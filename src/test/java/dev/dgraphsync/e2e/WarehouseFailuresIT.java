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

/** The warehouse going away or refusing rows in the middle of a run: the run fails cleanly, the next completes. */
@ExtendWith(RealDgraph.class)
class WarehouseFailuresIT {

    private static final int PRODUCTS = 1500;

    @TempDir
    Path dir;

    @BeforeAll
    static void sampleCatalog() throws Exception {
        RealDgraph.reset(RealDgraph.SCHEMA);
        RealDgraph.loadSample(PRODUCTS);
    }

    @Test
    void aWarehouseShutDownMidRunFailsTheRunAndTheNextRunCompletesWithNothingLostOrDoubled() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.page-size", "20").set("dgraph.sync.checkpoint-interval", "20");
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        CompletableFuture<Integer> run = sync.onceInBackground();
        sync.awaitPassUnderWay("product", run);
        try (Connection c = DriverManager.getConnection(sync.jdbcUrl, "sa", "")) {
            c.createStatement().execute("SHUTDOWN IMMEDIATELY"); // as if the database crashed
        } catch (java.sql.SQLException closedUnderUs) {
            // the shutdown closes this connection too
        }
        assertThat(run.get(2, TimeUnit.MINUTES)).isIn(0, 1);

        assertThat(sync.once()).isZero();
        CatalogAssert.warehouseMatchesSource(warehouse);
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isEqualTo(PRODUCTS);
    }

    @Test
    void aConstraintTheWarehouseEnforcesFailsTheBatchNamingItAndKeepsTheCheckpoint() throws Exception {
        SyncRunner sync = new SyncRunner(dir);
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        assertThat(sync.once()).isZero();
        execute(sync, "ALTER TABLE product ADD CONSTRAINT no_renamed CHECK (name <> 'refused by the warehouse')");
        String id = (String) warehouse.query("SELECT product_id FROM product ORDER BY product_id LIMIT 1").get(0).get("product_id");
        RealDgraph.graphql("mutation($id: [ID!], $t: DateTime) { updateProduct(input: {filter: {id: $id},"
                + " set: {name: \"refused by the warehouse\", updatedAt: $t}}) { numUids } }",
                Map.of("id", List.of(id), "t", Instant.now().toString()));
        Map<String, Object> before = warehouse.byKey("SELECT * FROM sync_checkpoint").get("product");

        assertThat(sync.once()).isEqualTo(1);

        assertThat(failure(warehouse)).contains("product: the warehouse refused a batch of 1 rows").contains("NO_RENAMED");
        assertThat(warehouse.byKey("SELECT * FROM sync_checkpoint").get("product")).isEqualTo(before);
        execute(sync, "ALTER TABLE product DROP CONSTRAINT no_renamed");
        assertThat(sync.once()).isZero();
        CatalogAssert.warehouseMatchesSource(warehouse);
    }

    @Test
    void aWarehouseFileLockedByAnotherProcessStopsTheRunWithExit2AndTheNextRunCompletes() throws Exception {
        SyncRunner sync = new SyncRunner(dir);
        Process other;
        try (Connection held = DriverManager.getConnection(sync.jdbcUrl, "sa", "")) {
            held.createStatement().execute("CREATE TABLE IF NOT EXISTS hold (x INT)");
            other = new ProcessBuilder("bin/dgraph-sync", "once", "--config", sync.config().toString())
                    .redirectErrorStream(true).start();
            String output = new String(other.getInputStream().readAllBytes());
            assertThat(other.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(other.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("warehouse.jdbc-url: cannot connect to the warehouse").contains("already in use");
        }
        assertThat(sync.once()).isZero();
        CatalogAssert.warehouseMatchesSource(new WarehouseRows(sync.jdbcUrl));
    }

    private static String failure(WarehouseRows warehouse) throws Exception {
        return (String) warehouse.query("SELECT error_message FROM sync_run WHERE entity = 'product' AND status = 'FAILED'")
                .get(0).get("error_message");
    }

    private static void execute(SyncRunner sync, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(sync.jdbcUrl, "sa", "")) {
            c.createStatement().execute(sql);
        }
    }
}
