package dev.dgraphsync.e2e;

import dev.dgraphsync.cli.DgraphSyncMain;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The entity YAML meets the live schema of a real Dgraph: checked at every start and as every run begins, the spec's
 * review cursor, fields Dgraph gained, and {@code discover} writing an entity that the next start syncs.
 */
@ExtendWith(RealDgraph.class)
class DgraphSchemaIT {

    @TempDir
    Path dir;

    @Test
    void aSpecShapedCatalogSyncsReviewsByCreatedAtAndAReviewYamlOnUpdatedAtStopsTheStartNamingIt() throws Exception {
        RealDgraph.reset(RealDgraph.SCHEMA);
        int reviews = RealDgraph.loadSample(30).reviews();
        // The spec's schema: reviews are immutable, Review has createdAt and no updatedAt.
        RealDgraph.applySchema(RealDgraph.schemaWithout("Review", "updatedAt"));

        SyncRunner sync = new SyncRunner(Files.createDirectories(dir.resolve("shipped")));
        assertThat(sync.once()).isZero();
        assertThat(sync.once()).isZero();
        WarehouseRows warehouse = sync.rows();
        assertThat(warehouse.count("SELECT COUNT(*) FROM review")).isEqualTo(reviews);
        assertThat(warehouse.query("SELECT rows_written FROM sync_run WHERE entity = 'review' AND status = 'SUCCEEDED'"
                + " ORDER BY started_at")).extracting(r -> r.get("rows_written"))
                .as("the second run reads no review again").containsExactly((long) reviews, 0L);

        Path entities = copyOf(Path.of("config/entities"), dir.resolve("entities"));
        Path review = entities.resolve("review.yaml");
        Files.writeString(review, Files.readString(review).replace("\ncursor: createdAt", "\ncursor: updatedAt"));
        SyncRunner switched = new SyncRunner(Files.createDirectories(dir.resolve("switched"))).set("dgraph.sync.entities-dir", entities.toString());
        SyncRunner.Outcome outcome = switched.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.commandLines()).containsExactly("dgraph-sync: " + review
                + ": cursor: 'updatedAt' is not a field of Review; its indexed DateTime fields: createdAt");
        assertThat(switched.rows().count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"))
                .as("nothing written").isZero();
    }

    @Test
    void onTheSampleSchemaTheOneLineSwitchToUpdatedAtSyncsAnEditedReviewWhichCreatedAtLeavesAlone() throws Exception {
        RealDgraph.freshSample(20);
        Path entities = copyOf(Path.of("config/entities"), dir.resolve("entities"));
        Path review = entities.resolve("review.yaml");
        Files.writeString(review, Files.readString(review).replace("\ncursor: createdAt", "\ncursor: updatedAt").replace(
                "  - { name: created_at, field: createdAt, type: TIMESTAMP }\n",
                "  - { name: created_at, field: createdAt, type: TIMESTAMP }\n"
                        + "  - { name: updated_at, field: updatedAt, type: TIMESTAMP }\n"));
        SyncRunner byUpdatedAt = new SyncRunner(Files.createDirectories(dir.resolve("updated"))).set("dgraph.sync.entities-dir", entities.toString());
        SyncRunner byCreatedAt = new SyncRunner(Files.createDirectories(dir.resolve("created")));
        assertThat(byUpdatedAt.once()).isZero();
        assertThat(byCreatedAt.once()).isZero();

        String id = RealDgraph.graphql("{ queryReview(first: 1) { id } }", null).path("queryReview").get(0)
                .path("id").asText();
        String edited = Instant.now().toString();
        RealDgraph.graphql("mutation($id: [ID!], $t: DateTime) { updateReview(input: {filter: {id: $id},"
                + " set: {comment: \"edited\", updatedAt: $t}}) { numUids } }", Map.of("id", List.of(id), "t", edited));
        assertThat(byUpdatedAt.once()).isZero();
        assertThat(byCreatedAt.once()).isZero();

        assertThat(byUpdatedAt.rows().query("SELECT comment, updated_at FROM review WHERE review_id = '" + id + "'"))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("comment", "edited")
                        .containsEntry("updated_at", Instant.parse(edited)));
        assertThat(lastRun(byUpdatedAt, "review")).containsEntry("rows_written", 1L);
        assertThat(byCreatedAt.rows().query("SELECT comment FROM review WHERE review_id = '" + id + "'"))
                .singleElement().satisfies(r -> assertThat(r.get("comment")).isNotEqualTo("edited"));
        assertThat(lastRun(byCreatedAt, "review")).containsEntry("rows_written", 0L);
    }

    @Test
    void aFieldDgraphGainedIsLoggedOnceAtStartAndListedInSchemaMetadata() throws Exception {
        RealDgraph.freshSample(10);
        RealDgraph.applySchema(Files.readString(RealDgraph.SCHEMA).replace("  rating: Int!\n",
                "  rating: Int!\n  title: String\n"));
        SyncRunner sync = new SyncRunner(dir);
        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isZero();
        assertThat(outcome.output().lines().filter(l -> l.contains("that no column reads")).toList()).singleElement()
                .asString().endsWith("review: fields of Review that no column reads (not synced): title, updatedAt");
        assertThat(sync.rows().byKey("SELECT type_name, unsynced_fields FROM schema_metadata"))
                .hasEntrySatisfying("Review", r -> assertThat(r).containsEntry("unsynced_fields", "title,updatedAt"))
                .hasEntrySatisfying("Product", r -> assertThat(r).containsEntry("unsynced_fields", ""));
    }

    @Test
    void aFieldRemovedFromDgraphWhileTheSyncRunsFailsThatEntitysNextRunNamingItAndTheOthersGoOn() throws Exception {
        RealDgraph.freshSample(20);
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.schedule", "0 0 0 1 1 ? 2099");
        Main main = sync.start();
        try {
            org.quartz.Scheduler quartz = SyncRunner.quartz(main);
            quartz.triggerJob(JobKey.jobKey("review", "dgraph-sync"));
            sync.awaitRunsEnded("review", 1);
            long reviews = sync.rows().count("SELECT COUNT(*) FROM review");

            RealDgraph.applySchema(RealDgraph.schemaWithout("Review", "comment"));
            quartz.triggerJob(JobKey.jobKey("review", "dgraph-sync"));
            quartz.triggerJob(JobKey.jobKey("product", "dgraph-sync"));
            sync.awaitRunsEnded("review", 2);
            sync.awaitRunsEnded("product", 1);

            assertThat(lastRun(sync, "review")).containsEntry("status", "FAILED")
                    .hasEntrySatisfying("error_message", m -> assertThat((String) m).contains(
                            "review.yaml no longer fits Dgraph's schema: columns[1].field: 'comment' is not a field of"
                                    + " Review (its fields: rating, product, author, createdAt, updatedAt)"));
            assertThat(lastRun(sync, "product")).containsEntry("status", "SUCCEEDED");
            assertThat(sync.rows().count("SELECT COUNT(*) FROM review")).as("nothing lost").isEqualTo(reviews);
        } finally {
            SyncRunner.stopWhenJobsEnded(main);
        }
    }

    @Test
    void discoverWritesANewTypeAndItsRouteAndTheNextStartFillsItsTableAndEdges() throws Exception {
        RealDgraph.reset(RealDgraph.SCHEMA);
        RealDgraph.loadSample(10);
        RealDgraph.applySchema(Files.readString(RealDgraph.SCHEMA) + """

                type Coupon {
                  id: ID!
                  code: String! @search(by: [hash])
                  percent: Float
                  active: Boolean
                  products: [Product]
                  createdAt: DateTime! @search(by: [hour])
                }

                type Tag {
                  id: ID!
                  label: String!
                }
                """);
        List<String> products = RealDgraph.graphql("{ queryProduct(first: 2) { id } }", null).path("queryProduct")
                .findValuesAsText("id");
        awaitGraphql(() -> RealDgraph.graphql("mutation($in: [AddCouponInput!]!) { addCoupon(input: $in) { numUids } }",
                Map.of("in", List.of(Map.of("code", "WINTER", "percent", 12.5, "active", true, "createdAt",
                        "2026-11-01T00:00:00Z", "products", List.of(Map.of("id", products.get(0)),
                                Map.of("id", products.get(1))))))));
        RealDgraph.graphql("mutation { addTag(input: [{label: \"new\"}, {label: \"sale\"}]) { numUids } }", null);
        Path routes = copyOf(Path.of("routes"), dir.resolve("routes"));
        Path entities = copyOf(Path.of("config/entities"), dir.resolve("entities"));
        String product = Files.readString(entities.resolve("product.yaml"));
        SyncRunner sync = new SyncRunner(dir).routes("file:" + routes + "/*.camel.yaml")
                .set("dgraph.sync.entities-dir", entities.toString());
        String[] discover = {"discover", "--write", "--config", sync.config().toString(), "--routes",
                "file:" + routes + "/*.camel.yaml"};

        assertThat(DgraphSyncMain.run(discover)).isZero();
        assertThat(DgraphSyncMain.run(discover)).as("a second time changes nothing").isZero();

        assertThat(Files.readString(entities.resolve("product.yaml"))).as("never overwritten").isEqualTo(product);
        assertThat(Files.readString(entities.resolve("coupon.yaml"))).contains("cursor: createdAt\n",
                "  - { name: percent, field: percent, type: DECIMAL }\n",
                "  - { name: products_count, field: products, type: COUNT }\n",
                "  - { field: products, relationship: PRODUCTS, target: Product }\n");
        assertThat(Files.readString(routes.resolve("entities.camel.yaml")).split("value: coupon\n", -1)).hasSize(2);
        assertThat(sync.once()).isZero();

        WarehouseRows warehouse = sync.rows();
        assertThat(warehouse.query("SELECT code, percent, active, products_count FROM coupon")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("code", "WINTER").containsEntry("percent", new java.math.BigDecimal("12.5"))
                        .containsEntry("active", true).containsEntry("products_count", 2L));
        assertThat(warehouse.query("SELECT target_id FROM relationship WHERE relationship_type = 'PRODUCTS'"
                + " AND source_type = 'Coupon' AND NOT is_deleted")).extracting(r -> r.get("target_id"))
                .containsExactlyInAnyOrderElementsOf(products);
        // Tag has no DateTime to follow: every run reads every tag.
        assertThat(Files.readString(entities.resolve("tag.yaml"))).contains("# No cursor: Tag has no indexed updatedAt"
                + " or createdAt, so every run reads every Tag.").doesNotContain("\ncursor:");
        assertThat(sync.once()).isZero();
        assertThat(warehouse.query("SELECT label FROM tag ORDER BY label")).extracting(r -> r.get("label"))
                .containsExactly("new", "sale");
        assertThat(warehouse.query("SELECT rows_written FROM sync_run WHERE entity = 'tag' ORDER BY started_at"))
                .extracting(r -> r.get("rows_written")).containsExactly(2L, 2L);
        assertThat(DgraphSyncMain.run("discover", "Coupn", "--config", sync.config().toString(), "--routes",
                "file:" + routes + "/*.camel.yaml")).isEqualTo(2);
    }

    /** GraphQL serves a schema just applied a moment later: a request it refuses until then is tried again. */
    private static void awaitGraphql(java.util.concurrent.Callable<?> request) {
        await("GraphQL serving the schema just applied").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> {
                    request.call();
                    return true;
                });
    }

    private static Map<String, Object> lastRun(SyncRunner sync, String entity) throws Exception {
        return sync.rows().query("SELECT status, rows_written, error_message FROM sync_run WHERE entity = '" + entity
                + "' ORDER BY started_at DESC LIMIT 1").get(0);
    }

    private static Path copyOf(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }
}
