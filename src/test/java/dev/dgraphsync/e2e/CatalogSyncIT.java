package dev.dgraphsync.e2e;

import dev.dgraphsync.sample.SampleCatalogLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's six tables (plus users), synced from a real Dgraph holding the sample catalog into H2, compared
 * value by value with what Dgraph's GraphQL API says the catalog is.
 *
 * <p>The class syncs the catalog once, in full, before its tests; a test that changes Dgraph syncs the change
 * itself, so every test, in any order, finds the warehouse equal to Dgraph as it is then.
 */
@ExtendWith(RealDgraph.class)
class CatalogSyncIT {

    private static final int PRODUCTS = 1200;

    @TempDir
    static Path dir;
    static SyncRunner sync;
    static WarehouseRows warehouse;
    static SampleCatalogLoader.Counts loaded;

    @BeforeAll
    static void theSampleCatalogSyncedOnce() throws Exception {
        loaded = RealDgraph.freshSample(PRODUCTS);
        sync = new SyncRunner(dir);
        warehouse = new WarehouseRows(sync.jdbcUrl);
        long started = System.nanoTime();
        assertThat(sync.once()).isZero();
        double seconds = (System.nanoTime() - started) / 1e9;
        SourceCatalog source = SourceCatalog.read();
        long rows = source.products.size() + source.categories.size() + source.attributes.size() + source.users.size()
                + source.reviews.size();
        System.out.printf("sample sync: %d rows and %d edges in %.1f s (%.0f rows/s, whole command)%n", rows,
                source.edges.size(), seconds, rows / seconds);
    }

    @Test
    void onceCopiesEveryTableExactlyAsDgraphHasIt() throws Exception {
        assertThat(SourceCatalog.read().products).hasSize(PRODUCTS);
        CatalogAssert.warehouseMatchesSource(warehouse);
    }

    @Test
    void everyEdgeIdIsSourceTypeTargetAndNamesAnExistingNode() throws Exception {
        assertThat(warehouse.query("SELECT DISTINCT relationship_type FROM relationship"))
                .extracting(r -> r.get("relationship_type")).containsExactlyInAnyOrder("BELONGS_TO_CATEGORY",
                        "RELATED_TO", "HAS_ATTRIBUTE", "REVIEWS_PRODUCT", "WRITTEN_BY_USER", "HAS_PARENT");
        assertThat(warehouse.count("SELECT COUNT(*) FROM relationship"
                + " WHERE edge_id <> source_id || '_' || relationship_type || '_' || target_id")).isZero();
        assertThat(warehouse.count("SELECT COUNT(*) FROM relationship r WHERE r.relationship_type = 'RELATED_TO'"
                + " AND NOT EXISTS (SELECT 1 FROM product p WHERE p.product_id = r.target_id)")).isZero();
    }

    @Test
    void schemaMetadataHasEachTypeWithItsFieldCount() throws Exception {
        Map<String, Map<String, Object>> types = warehouse.byKey(
                "SELECT type_name, kind, field_count FROM schema_metadata WHERE is_deleted = FALSE");
        assertThat(types.keySet()).containsExactlyInAnyOrder("Category", "Attribute", "Product", "User", "Review");
        assertThat(types.get("Product")).containsEntry("field_count", 11L).containsEntry("kind", "OBJECT");
        assertThat(types.get("Review")).containsEntry("field_count", 7L);
    }

    @Test
    void eachRunIsRecordedAsSucceededWithItsCountsAndTheCheckpointIsAtTheEndOfItsPass() throws Exception {
        List<Map<String, Object>> runs = warehouse.query("SELECT entity, status, rows_written, edges_written FROM sync_run"
                + " ORDER BY started_at");
        assertThat(runs).extracting(r -> r.get("status")).containsOnly("SUCCEEDED");
        // The first is the class's full sync; any later one is a test's run after a change of its own.
        assertThat(runs).filteredOn(r -> r.get("entity").equals("product"))
                .first().satisfies(r -> assertThat(r.get("rows_written")).isEqualTo((long) PRODUCTS));
        assertThat(warehouse.query("SELECT entity, next_from, after_uid FROM sync_checkpoint"))
                .hasSize(5).allSatisfy(r -> {
                    assertThat(r.get("next_from")).isNull();
                    assertThat(r.get("after_uid")).isNull();
                });
    }

    @Test
    void aOneMegabyteDescriptionWithEmojiAndRightToLeftTextLandsUnchanged() throws Exception {
        String id = warehouse.query("SELECT product_id FROM product ORDER BY product_id DESC LIMIT 1").get(0)
                .get("product_id").toString();
        String big = RealDgraph.setMegabyteDescription(id);

        assertThat(sync.once()).isZero();

        assertThat(warehouse.query("SELECT description FROM product WHERE product_id = '" + id + "'"))
                .singleElement().satisfies(r -> assertThat(r.get("description")).isEqualTo(big));
    }

    @Test
    void theNextRunReadsOnlyWhatChangedAndUpdatesIt() throws Exception {
        String id = warehouse.query("SELECT product_id FROM product ORDER BY product_id LIMIT 1").get(0)
                .get("product_id").toString();
        Instant from = (Instant) warehouse.query("SELECT cursor_from FROM sync_checkpoint WHERE entity = 'product'")
                .get(0).get("cursor_from");
        assertThat(from).as("the product's cursor after a sync").isNotNull();
        RealDgraph.graphql("mutation($id: [ID!], $now: DateTime) { updateProduct(input: {filter: {id: $id},"
                + " set: {name: \"Renamed\", updatedAt: $now}}) { numUids } }",
                Map.of("id", List.of(id), "now", Instant.now().toString()));

        assertThat(sync.once()).isZero();

        assertThat(warehouse.query("SELECT name FROM product WHERE product_id = '" + id + "'"))
                .singleElement().satisfies(r -> assertThat(r.get("name")).isEqualTo("Renamed"));
        // The run reads the products changed since its cursor (the last run's start less the lookback): this one, and
        // any product another test of the class changed within the lookback, whichever ran first. The sample's are
        // older.
        Set<String> changed = SourceCatalog.read().products.values().stream()
                .filter(p -> !((Instant) p.get("updated_at")).isBefore(from))
                .map(p -> (String) p.get("product_id")).collect(Collectors.toSet());
        assertThat(changed).as("changed since the cursor").contains(id).hasSizeLessThan(PRODUCTS);
        assertThat(warehouse.query("SELECT rows_written FROM sync_run WHERE entity = 'product'"
                + " ORDER BY started_at DESC LIMIT 1")).singleElement()
                .satisfies(r -> assertThat(r.get("rows_written")).isEqualTo((long) changed.size()));
    }
}
