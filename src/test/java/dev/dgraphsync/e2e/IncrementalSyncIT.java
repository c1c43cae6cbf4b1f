package dev.dgraphsync.e2e;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental sync that never loses, duplicates or leaves a stale row, against the real Dgraph: ties, edge changes,
 * deletes, changes made while a run is under way, and a full refresh.
 */
@ExtendWith(RealDgraph.class)
class IncrementalSyncIT {

    private static final int PRODUCTS = 1200;

    @TempDir
    Path dir;
    SyncRunner sync;
    WarehouseRows warehouse;

    @BeforeEach
    void syncedSampleCatalog() throws Exception {
        RealDgraph.freshSample(PRODUCTS);
        sync = syncRunner(dir).set("dgraph.sync.page-size", "100");
        warehouse = sync.rows();
        assertThat(sync.once()).isZero();
    }

    /** The sync under test, into the test's own H2 file; {@link PostgresIncrementalSyncIT} points it at PostgreSQL. */
    SyncRunner syncRunner(Path dir) throws Exception {
        return new SyncRunner(dir);
    }

    @Test
    void aFirstPageOf30ThenPagesOf100Over1200RowsSharingOneUpdatedAtLoadEachExactlyOnce() throws Exception {
        List<String> ids = productIds();
        RealDgraph.graphql("mutation($ids: [ID!], $t: DateTime) { updateProduct(input: {filter: {id: $ids},"
                + " set: {inStock: false, updatedAt: $t}}) { numUids } }", Map.of("ids", ids, "t", Instant.now().toString()));
        // batches of 30: the pass's first page holds one batch (30), the next ones 100
        sync.set("dgraph.sync.checkpoint-interval", "30");

        assertThat(sync.once()).isZero();

        assertThat(lastRun("product")).containsEntry("status", "SUCCEEDED").containsEntry("rows_written", (long) PRODUCTS);
        assertThat(warehouse.count("SELECT COUNT(*) FROM product WHERE in_stock")).isZero();
        CatalogAssert.warehouseMatchesSource(warehouse);
    }

    @Test
    void aProductMovedToAnotherCategoryOrRelinkedHasExactlyItsCurrentEdgesActive() throws Exception {
        Map<String, Object> p = warehouse.query("SELECT product_id, category_id FROM product"
                + " WHERE related_products_count = 2 AND category_id IS NOT NULL ORDER BY product_id LIMIT 1").get(0);
        String id = (String) p.get("product_id");
        String newCategory = (String) warehouse.query("SELECT category_id FROM category WHERE category_id <> '"
                + p.get("category_id") + "' LIMIT 1").get(0).get("category_id");
        List<String> related = warehouse.query("SELECT target_id FROM relationship WHERE source_id = '" + id
                + "' AND relationship_type = 'RELATED_TO' ORDER BY target_id").stream()
                .map(r -> (String) r.get("target_id")).toList();
        String newRelated = productIds().stream().filter(x -> !x.equals(id) && !related.contains(x)).findFirst().orElseThrow();
        RealDgraph.graphql("mutation($id: [ID!], $c: ID!, $add: ID!, $drop: ID!, $t: DateTime) { updateProduct(input: {"
                + "filter: {id: $id}, set: {category: {id: $c}, relatedProducts: [{id: $add}], updatedAt: $t},"
                + " remove: {relatedProducts: [{id: $drop}]}}) { numUids } }",
                Map.of("id", List.of(id), "c", newCategory, "add", newRelated, "drop", related.get(0),
                        "t", Instant.now().toString()));

        assertThat(sync.once()).isZero();

        assertThat(CatalogAssert.active(warehouse, "SELECT edge_id FROM relationship WHERE source_id = '" + id + "' AND"
                + " relationship_type IN ('BELONGS_TO_CATEGORY', 'RELATED_TO')").keySet()).containsExactlyInAnyOrder(
                id + "_BELONGS_TO_CATEGORY_" + newCategory, id + "_RELATED_TO_" + related.get(1), id + "_RELATED_TO_" + newRelated);
        assertThat(warehouse.query("SELECT edge_id, deleted_at FROM relationship WHERE is_deleted AND source_id = '" + id + "'"))
                .extracting(r -> r.get("edge_id")).containsExactlyInAnyOrder(
                        id + "_BELONGS_TO_CATEGORY_" + p.get("category_id"), id + "_RELATED_TO_" + related.get(0));
        assertThat(warehouse.query("SELECT related_products_count, category_id FROM product WHERE product_id = '" + id + "'"))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("related_products_count", 2L)
                        .containsEntry("category_id", newCategory));
        CatalogAssert.warehouseMatchesSource(warehouse);
    }

    @Test
    void aDeletedProductAndEveryEdgeTouchingItAreFlaggedNotRemoved() throws Exception {
        String id = (String) warehouse.query("SELECT target_id FROM relationship WHERE relationship_type = 'REVIEWS_PRODUCT'"
                + " ORDER BY target_id LIMIT 1").get(0).get("target_id");
        long edgesBefore = warehouse.count("SELECT COUNT(*) FROM relationship WHERE source_id = '" + id + "' OR target_id = '" + id + "'");
        RealDgraph.graphql("mutation($id: [ID!]) { deleteProduct(filter: {id: $id}) { numUids } }", Map.of("id", List.of(id)));

        assertThat(sync.once()).isZero();

        assertThat(warehouse.query("SELECT is_deleted, deleted_at FROM product WHERE product_id = '" + id + "'"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("is_deleted")).isEqualTo(true);
                    assertThat(r.get("deleted_at")).isNotNull();
                });
        assertThat(edgesBefore).isPositive();
        assertThat(warehouse.query("SELECT is_deleted FROM relationship WHERE source_id = '" + id + "' OR target_id = '" + id + "'"))
                .hasSize((int) edgesBefore).allSatisfy(r -> assertThat(r.get("is_deleted")).isEqualTo(true));
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isEqualTo(PRODUCTS);
    }

    /**
     * A batch of reviews read before their product was deleted, and committed after the reconciliation flagged it,
     * points at the gone product again (its review row and edge as the late batch leaves them, written here): the
     * next reconciliation clears them, though the product was flagged already and the reviews never change again.
     */
    @Test
    void aReferenceWrittenAgainToAProductAlreadyFlaggedDeletedIsClearedByTheNextReconciliation() throws Exception {
        String id = (String) warehouse.query("SELECT target_id FROM relationship WHERE relationship_type = 'REVIEWS_PRODUCT'"
                + " AND is_deleted = FALSE ORDER BY target_id LIMIT 1").get(0).get("target_id");
        RealDgraph.graphql("mutation($id: [ID!]) { deleteProduct(filter: {id: $id}) { numUids } }", Map.of("id", List.of(id)));
        assertThat(sync.once("--reconcile")).isZero();
        assertThat(warehouse.count("SELECT COUNT(*) FROM review WHERE product_id = '" + id + "'")).isZero();

        String review = (String) warehouse.query("SELECT source_id FROM relationship WHERE relationship_type ="
                + " 'REVIEWS_PRODUCT' AND target_id = '" + id + "' ORDER BY source_id LIMIT 1").get(0).get("source_id");
        warehouse.execute("UPDATE review SET product_id = '" + id + "' WHERE review_id = '" + review + "'");
        warehouse.execute("UPDATE relationship SET is_deleted = FALSE, deleted_at = NULL WHERE source_id = '" + review
                + "' AND target_id = '" + id + "'");
        assertThat(sync.once("--reconcile")).isZero();

        assertThat(warehouse.count("SELECT COUNT(*) FROM review WHERE product_id = '" + id + "'")).isZero();
        assertThat(warehouse.count("SELECT COUNT(*) FROM relationship WHERE target_id = '" + id + "' AND NOT is_deleted"))
                .isZero();
        CatalogAssert.warehouseMatchesSource(warehouse);
    }

    @Test
    void onceReconcilesDeletesWhenTheReconcileScheduleHasComeRoundSinceItLastSucceededOrWhenAsked() throws Exception {
        // The first once into this warehouse reconciled: it never had.
        assertThat(warehouse.count("SELECT COUNT(*) FROM sync_run WHERE entity = 'reconcile-deletes'")).isEqualTo(1);
        // A schedule that never comes round again.
        sync.reconcileOnlyWhenDue().set("dgraph.sync.reconcile-schedule", "0 0 0 1 1 ? 2099");
        String id = productIds().get(0);
        RealDgraph.graphql("mutation($id: [ID!]) { deleteProduct(filter: {id: $id}) { numUids } }", Map.of("id", List.of(id)));

        assertThat(sync.once()).isZero();

        assertThat(warehouse.count("SELECT COUNT(*) FROM sync_run WHERE entity = 'reconcile-deletes'")).isEqualTo(1);
        assertThat(lastRun("product")).containsEntry("status", "SUCCEEDED");
        assertThat(warehouse.count("SELECT COUNT(*) FROM product WHERE is_deleted")).isZero();

        assertThat(sync.once("--reconcile")).isZero();

        assertThat(lastRun("reconcile-deletes")).containsEntry("status", "SUCCEEDED");
        assertThat(warehouse.count("SELECT COUNT(*) FROM sync_run WHERE entity = 'reconcile-deletes'")).isEqualTo(2);
        assertThat(warehouse.query("SELECT product_id FROM product WHERE is_deleted")).extracting(r -> r.get("product_id"))
                .containsExactly(id);
    }

    @Test
    void rowsUpdatedInsertedAndDeletedDuringARunAreAllRightAfterTheNextRun() throws Exception {
        sync.set("dgraph.sync.page-size", "20").set("dgraph.sync.checkpoint-interval", "20");
        assertThat(sync.reset("product")).isZero();
        CompletableFuture<Integer> run = sync.onceInBackground();
        sync.awaitPassUnderWay("product", run);
        List<String> ids = productIds();
        String now = Instant.now().toString();
        RealDgraph.graphql("mutation($ids: [ID!], $t: DateTime) { updateProduct(input: {filter: {id: $ids},"
                + " set: {name: \"changed during the run\", updatedAt: $t}}) { numUids } }",
                Map.of("ids", List.of(ids.get(1), ids.get(PRODUCTS / 2), ids.get(PRODUCTS - 2)), "t", now));
        RealDgraph.graphql("mutation($ids: [ID!]) { deleteProduct(filter: {id: $ids}) { numUids } }",
                Map.of("ids", List.of(ids.get(3), ids.get(PRODUCTS - 3))));
        List<Map<String, Object>> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            added.add(Map.of("sku", "NEW-" + i, "name", "added during the run", "price", 1.25, "inStock", true,
                    "relatedProducts", List.of(Map.of("id", ids.get(10 + i))), "createdAt", now, "updatedAt", now));
        }
        RealDgraph.graphql("mutation($in: [AddProductInput!]!) { addProduct(input: $in) { numUids } }", Map.of("in", added));
        assertThat(run.get()).isZero();

        assertThat(sync.once()).isZero();

        CatalogAssert.warehouseMatchesSource(warehouse);
        assertThat(warehouse.count("SELECT COUNT(*) FROM product WHERE is_deleted")).isEqualTo(2);
    }

    @Test
    void resetReReadsOneEntityFromTheBeginningAndKeepsTheOtherTables() throws Exception {
        long reviews = warehouse.count("SELECT COUNT(*) FROM review");
        assertThat(sync.reset("product")).isZero();
        assertThat(warehouse.query("SELECT cursor_from, next_from, after_uid, synced_columns FROM sync_checkpoint"
                + " WHERE entity = 'product'")).singleElement().satisfies(r -> assertThat(r.values()).containsOnlyNulls());

        assertThat(sync.once()).isZero();

        assertThat(lastRun("product")).containsEntry("rows_written", (long) PRODUCTS);
        assertThat(lastRun("review")).containsEntry("rows_written", 0L);
        assertThat(warehouse.count("SELECT COUNT(*) FROM review")).isEqualTo(reviews);
        CatalogAssert.warehouseMatchesSource(warehouse);
    }

    private Map<String, Object> lastRun(String entity) throws Exception {
        return warehouse.query("SELECT status, rows_written FROM sync_run WHERE entity = '" + entity
                + "' ORDER BY started_at DESC LIMIT 1").get(0);
    }

    private static List<String> productIds() throws Exception {
        return RealDgraph.graphql("{ queryProduct(first: 100000) { id } }", null).path("queryProduct").findValuesAsText("id");
    }
}
