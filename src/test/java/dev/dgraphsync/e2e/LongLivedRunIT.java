package dev.dgraphsync.e2e;

import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many runs, in one process as {@code bin/dgraph-sync run}, Camel JBang and Karaf keep it, or one {@code once} after
 * another: what a run learns is kept for the next one, and nothing is missed for it.
 */
@ExtendWith(RealDgraph.class)
class LongLivedRunIT {

    @TempDir
    Path dir;

    /**
     * A long-lived process looks for nodes without a cursor value across the whole type only now and then (hourly by
     * default); the runs in between look among the nodes made since, and still read every node found before.
     */
    @Test
    void nodesWithoutACursorValueAreReadOnEveryRunBetweenLookupsAcrossTheWholeType() throws Exception {
        RealDgraph.freshSample(20);
        RealDgraph.dqlSet("[{\"dgraph.type\": \"Product\", \"Product.sku\": \"SKU-KEPT\", \"Product.name\": \"first\"}]");
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.schedule", "0 0 0 1 1 ? 2099");
        Main main = sync.start();
        try {
            org.quartz.Scheduler quartz = SyncRunner.quartz(main);
            JobKey product = JobKey.jobKey("product", "dgraph-sync");
            quartz.triggerJob(product); // the first pass reads everything
            sync.awaitRunsEnded("product", 1);
            quartz.triggerJob(product); // incremental: the lookup across the whole type finds SKU-KEPT
            sync.awaitRunsEnded("product", 2);
            WarehouseRows warehouse = sync.rows();
            Object kept = warehouse.byKey("SELECT sku, product_id FROM product WHERE sku = 'SKU-KEPT'")
                    .get("SKU-KEPT").get("product_id");

            // Still without a cursor value: the one found before, changed, and a new one beside it.
            RealDgraph.dqlSet("[{\"uid\": \"" + kept + "\", \"Product.name\": \"second\"},"
                    + " {\"dgraph.type\": \"Product\", \"Product.sku\": \"SKU-MADE-LATER\", \"Product.name\": \"new\"}]");
            quartz.triggerJob(product);
            sync.awaitRunsEnded("product", 3);

            assertThat(warehouse.query("SELECT status FROM sync_run WHERE entity = 'product'")).hasSize(3)
                    .allSatisfy(r -> assertThat(r).containsEntry("status", "SUCCEEDED"));
            assertThat(warehouse.byKey("SELECT sku, name FROM product WHERE sku IN ('SKU-KEPT', 'SKU-MADE-LATER')"))
                    .hasEntrySatisfying("SKU-KEPT", r -> assertThat(r).containsEntry("name", "second"))
                    .hasEntrySatisfying("SKU-MADE-LATER", r -> assertThat(r).containsEntry("name", "new"));
        } finally {
            SyncRunner.stopWhenJobsEnded(main);
        }
    }

    /**
     * What the lookup found is kept in the warehouse: the next {@code once}, a new process, goes on from it instead of
     * looking across the whole type again, and still reads every node found before and the ones made since.
     */
    @Test
    void theNextOnceGoesOnFromWhatTheLastOneFound() throws Exception {
        RealDgraph.freshSample(20);
        RealDgraph.dqlSet("[{\"dgraph.type\": \"Product\", \"Product.sku\": \"SKU-KEPT\", \"Product.name\": \"first\"}]");
        SyncRunner sync = new SyncRunner(dir);
        assertThat(sync.once()).isZero(); // the first pass reads everything
        assertThat(sync.once()).isZero(); // incremental: the lookup across the whole type finds SKU-KEPT
        WarehouseRows warehouse = sync.rows();
        String kept = (String) warehouse.byKey("SELECT sku, product_id FROM product WHERE sku = 'SKU-KEPT'")
                .get("SKU-KEPT").get("product_id");
        assertThat(unstampedOf(warehouse, "product")).containsExactly(kept);

        RealDgraph.dqlSet("[{\"uid\": \"" + kept + "\", \"Product.name\": \"second\"},"
                + " {\"dgraph.type\": \"Product\", \"Product.sku\": \"SKU-MADE-LATER\", \"Product.name\": \"new\"}]");
        assertThat(sync.once()).isZero();

        Map<String, Map<String, Object>> products = warehouse.byKey(
                "SELECT sku, name, product_id FROM product WHERE sku IN ('SKU-KEPT', 'SKU-MADE-LATER')");
        assertThat(products).hasEntrySatisfying("SKU-KEPT", r -> assertThat(r).containsEntry("name", "second"))
                .hasEntrySatisfying("SKU-MADE-LATER", r -> assertThat(r).containsEntry("name", "new"));
        assertThat(unstampedOf(warehouse, "product"))
                .containsExactlyInAnyOrder(kept, (String) products.get("SKU-MADE-LATER").get("product_id"));
        assertThat(warehouse.query("SELECT status FROM sync_run WHERE entity = 'product'")).hasSize(3)
                .allSatisfy(r -> assertThat(r).containsEntry("status", "SUCCEEDED"));

        assertThat(sync.reset("product")).isZero();
        assertThat(unstampedOf(warehouse, "product")).as("reset forgets what was found").isEmpty();
    }

    /**
     * More nodes without a cursor value than a page holds, the first of them deleted in Dgraph since they were found:
     * the pass still reads the ones after them (pages of 2 here).
     */
    @Test
    void nodesWithoutACursorValueAfterDeletedOnesAreStillRead() throws Exception {
        RealDgraph.freshSample(20);
        StringBuilder unstamped = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            unstamped.append(i == 1 ? "[" : ", ").append("{\"dgraph.type\": \"Product\", \"Product.sku\": \"SKU-U")
                    .append(i).append("\", \"Product.name\": \"first\"}");
        }
        RealDgraph.dqlSet(unstamped.append("]").toString());
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.page-size", "2").set("dgraph.sync.checkpoint-interval", "2");
        assertThat(sync.once()).isZero(); // the first pass reads everything
        assertThat(sync.once()).isZero(); // incremental: the lookup across the whole type finds the five
        WarehouseRows warehouse = sync.rows();
        Map<String, Map<String, Object>> found = warehouse.byKey(
                "SELECT sku, product_id FROM product WHERE sku LIKE 'SKU-U%'");
        assertThat(unstampedOf(warehouse, "product")).hasSize(5);

        RealDgraph.dqlDelete("[{\"uid\": \"" + found.get("SKU-U1").get("product_id") + "\"}, {\"uid\": \""
                + found.get("SKU-U2").get("product_id") + "\"}]");
        RealDgraph.dqlSet("[{\"uid\": \"" + found.get("SKU-U4").get("product_id") + "\", \"Product.name\": \"second\"},"
                + " {\"uid\": \"" + found.get("SKU-U5").get("product_id") + "\", \"Product.name\": \"second\"}]");
        assertThat(sync.once()).isZero();

        assertThat(warehouse.byKey("SELECT sku, name FROM product WHERE sku IN ('SKU-U4', 'SKU-U5')"))
                .hasEntrySatisfying("SKU-U4", r -> assertThat(r).containsEntry("name", "second"))
                .hasEntrySatisfying("SKU-U5", r -> assertThat(r).containsEntry("name", "second"));
    }

    /** The uids sync_unstamped keeps for an entity, as Dgraph writes them. */
    private static List<String> unstampedOf(WarehouseRows warehouse, String entity) throws Exception {
        return warehouse.query("SELECT node_ids FROM sync_unstamped WHERE entity = '" + entity + "'").stream()
                .flatMap(r -> Arrays.stream(((String) r.get("node_ids")).split(",")))
                .map(hex -> "0x" + hex).toList();
    }
}
