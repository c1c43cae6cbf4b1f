package dev.dgraphsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dgraphsync.sample.SampleCatalogLoader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code verify} against the real Dgraph: a clean sync verifies equal; drift injected behind the sync's back is
 * reported with its id and kind and nothing else; {@code --repair} and one {@code once} make it equal again.
 */
@ExtendWith(RealDgraph.class)
class VerifyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] KINDS = {"missing", "extra", "differing", "edges_missing", "edges_extra",
            "wrong_counts", "in_flight"};

    @TempDir
    Path dir;
    SyncRunner sync;
    WarehouseRows warehouse;
    SampleCatalogLoader.Counts counts;

    @BeforeEach
    void syncedSampleCatalog() throws Exception {
        counts = RealDgraph.freshSample(60);
        sync = syncRunner(dir);
        warehouse = sync.rows();
        assertThat(sync.once()).isZero();
    }

    /** Into the test's own H2 file; {@link PostgresVerifyIT} points it at PostgreSQL. */
    SyncRunner syncRunner(Path dir) throws Exception {
        return new SyncRunner(dir);
    }

    @Test
    void aCleanSyncVerifiesEqualEveryNodeChecked() throws Exception {
        Path report = dir.resolve("verify.json");
        assertThat(sync.verify("--report", report.toString())).isZero();

        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("equal").asBoolean()).isTrue();
        Map<String, Long> checked = new TreeMap<>();
        json.path("entities").forEach(e -> checked.put(e.path("entity").asText(), e.path("checked").asLong()));
        assertThat(checked).containsExactlyInAnyOrderEntriesOf(Map.of("category", (long) counts.categories(),
                "attribute", (long) counts.attributes(), "user", (long) counts.users(), "product", (long) counts.products(),
                "review", (long) counts.reviews()));
        Path markdown = dir.resolve("verify.md");
        assertThat(sync.verify("product", "--report", markdown.toString())).isZero();
        assertThat(Files.readString(markdown)).startsWith("# dgraph-sync verify\n\nThe warehouse equals Dgraph.")
                .contains("| product | " + counts.products() + " | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
    }

    @Test
    void eachDriftIsReportedWithItsIdAndKindAndNothingElseThenRepairAndOneRunMakeItEqual() throws Exception {
        List<String> products = ids("SELECT product_id FROM product ORDER BY product_id");
        String lostEdgeOf = ids("SELECT product_id FROM product WHERE attributes_count >= 1 ORDER BY product_id").get(0);
        products = products.stream().filter(p -> !p.equals(lostEdgeOf)).toList();
        String changed = products.get(1);
        String gainedEdgeOf = products.get(2);
        String miscounted = products.get(3);
        String editedInDgraph = products.get(4);
        String deletedRow = ids("SELECT category_id FROM category ORDER BY category_id").get(0);
        String review = ids("SELECT review_id FROM review ORDER BY review_id").get(0);
        String lostEdge = ids("SELECT edge_id FROM relationship WHERE source_id = '" + lostEdgeOf
                + "' AND relationship_type = 'HAS_ATTRIBUTE' ORDER BY edge_id").get(0);
        String unrelated = products.stream().filter(p -> !p.equals(gainedEdgeOf)).filter(p -> {
            try {
                return warehouse.count("SELECT COUNT(*) FROM relationship WHERE edge_id = '" + gainedEdgeOf
                        + "_RELATED_TO_" + p + "'") == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        String gainedEdge = gainedEdgeOf + "_RELATED_TO_" + unrelated;

        // Behind the sync's back: in the warehouse…
        warehouse.execute("UPDATE product SET price = price + 1 WHERE product_id = '" + changed + "'");
        warehouse.execute("DELETE FROM category WHERE category_id = '" + deletedRow + "'");
        warehouse.execute("INSERT INTO app_user (user_id, username, synced_at, is_deleted) VALUES ('0xfffffff1', 'ghost',"
                + " TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00', FALSE)");
        warehouse.execute("DELETE FROM relationship WHERE edge_id = '" + lostEdge + "'");
        warehouse.execute("INSERT INTO relationship (edge_id, source_id, source_type, target_id, target_type,"
                + " relationship_type, is_deleted) VALUES ('" + gainedEdge + "', '" + gainedEdgeOf + "', 'Product', '"
                + unrelated + "', 'Product', 'RELATED_TO', FALSE)");
        warehouse.execute("UPDATE product SET related_products_count = 99 WHERE product_id = '" + miscounted + "'");
        // …and in Dgraph.
        RealDgraph.graphql("mutation($id: [ID!]) { deleteReview(filter: {id: $id}) { numUids } }", Map.of("id", List.of(review)));
        RealDgraph.graphql("mutation($id: [ID!], $t: DateTime) { updateProduct(input: {filter: {id: $id},"
                + " set: {name: \"edited after the last pass\", updatedAt: $t}}) { numUids } }",
                Map.of("id", List.of(editedInDgraph), "t", Instant.now().toString()));

        Path report = dir.resolve("drift.json");
        assertThat(sync.verify("--report", report.toString())).isEqualTo(1);

        Map<String, List<String>> found = found(JSON.readTree(report.toFile()));
        assertThat(found).containsExactlyInAnyOrderEntriesOf(Map.of(
                "product differing", List.of(changed + " (price)"),
                "category missing", List.of(deletedRow),
                "user extra", List.of("0xfffffff1"),
                "product edges_missing", List.of(lostEdge),
                "product edges_extra", List.of(gainedEdge),
                "product wrong_counts", List.of(miscounted + " (related_products_count)"),
                "review extra", List.of(review),
                "product in_flight", List.of(editedInDgraph)));
        assertThat(warehouse.query("SELECT price FROM product WHERE product_id = '" + changed + "'")).as("verify changes"
                + " nothing").isNotEmpty();

        assertThat(sync.verify("--repair")).isEqualTo(1);
        // One run, and no reconciliation (its schedule does not come round): the rows whose node is gone (the review
        // deleted in Dgraph, the user Dgraph never had) are flagged by the repair itself.
        sync.reconcileOnlyWhenDue().set("dgraph.sync.reconcile-schedule", "0 0 0 1 1 ? 2099");
        String reconciliations = "SELECT COUNT(*) FROM sync_run WHERE entity = 'reconcile-deletes'";
        long before = warehouse.count(reconciliations);
        assertThat(sync.once()).isZero();
        assertThat(warehouse.count(reconciliations)).as("no reconciliation ran").isEqualTo(before);

        assertThat(sync.verify("--report", report.toString())).as(Files.readString(report)).isZero();
        assertThat(warehouse.count("SELECT COUNT(*) FROM sync_repair")).as("the repairs were read").isZero();
    }

    @Test
    void anUnknownEntityOrABadOptionStopsWithExit2() throws Exception {
        assertThat(sync.verify("prodct")).isEqualTo(2);
        assertThat(sync.verify("--report")).isEqualTo(2);
    }

    @Test
    void theScheduledVerificationRecordsEachEntityInSyncVerify() throws Exception {
        SyncRunner scheduled = sync.set("dgraph.sync.verify-enabled", "true")
                .set("dgraph.sync.verify-schedule", "0 0 0 1 1 ? 2099").set("dgraph.sync.schedule", "0 0 0 1 1 ? 2099");
        warehouse.execute("UPDATE review SET rating = rating + 1 WHERE review_id = (SELECT MIN(review_id) FROM review)");
        Main main = scheduled.start();
        try {
            SyncRunner.quartz(main).triggerJob(JobKey.jobKey("verify", "dgraph-sync-verify"));
            await("a sync_verify row for each entity").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> warehouse.count("SELECT COUNT(*) FROM sync_verify") >= 5);
            MeterRegistry meters = main.getCamelContext().getRegistry().lookupByNameAndType("metricsRegistry",
                    MeterRegistry.class);
            assertThat(meters.get("dgraph.sync.verify.differences").tags("entity", "review", "kind", "differing")
                    .gauge().value()).isEqualTo(1.0);
            assertThat(meters.get("dgraph.sync.verify.differences").tags("entity", "product", "kind", "missing")
                    .gauge().value()).isZero();
            assertThat(meters.get("dgraph.sync.verify.checked").tags("entity", "review").gauge().value())
                    .isEqualTo(counts.reviews());
        } finally {
            SyncRunner.stopWhenJobsEnded(main);
        }
        Map<String, Map<String, Object>> rows = warehouse.byKey("SELECT entity, checked, missing, extra, differing,"
                + " edges_missing, edges_extra, wrong_counts, in_flight, examples FROM sync_verify");
        assertThat(rows).containsOnlyKeys("category", "attribute", "user", "product", "review");
        assertThat(rows.get("review")).containsEntry("checked", (long) counts.reviews()).containsEntry("differing", 1L)
                .containsEntry("missing", 0L).hasEntrySatisfying("examples", e -> assertThat((String) e).contains("(rating)"));
        assertThat(rows.get("product")).containsEntry("differing", 0L).containsEntry("edges_missing", 0L);
    }

    /** "entity kind" → the example ids of every kind found. */
    private static Map<String, List<String>> found(JsonNode report) {
        Map<String, List<String>> found = new TreeMap<>();
        for (JsonNode entity : report.path("entities")) {
            for (String kind : KINDS) {
                JsonNode k = entity.path(kind);
                if (k.path("count").asLong() > 0) {
                    List<String> examples = new ArrayList<>();
                    k.path("examples").forEach(x -> examples.add(x.asText()));
                    assertThat(k.path("count").asLong()).as(kind).isEqualTo(examples.size());
                    found.put(entity.path("entity").asText() + " " + kind, examples);
                }
            }
        }
        return found;
    }

    private List<String> ids(String sql) throws Exception {
        return warehouse.query(sql).stream().map(r -> (String) r.values().iterator().next()).toList();
    }
}
