package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.mapping.ColumnSpec;
import dev.dgraphsync.mapping.ColumnType;
import dev.dgraphsync.mapping.EdgeSpec;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entity YAML against Dgraph's schema, as a real Dgraph v25 answered {@code schema {}} for the sample schema
 * (src/test/resources/dgraph/schema-answer.json) and its GraphQL schema (config/dgraph/schema.graphql).
 */
class SchemaCheckTest {

    static DgraphSchema sampleSchema() throws Exception {
        JsonNode answer = DgraphResponse.JSON.readTree(Path.of("src/test/resources/dgraph/schema-answer.json").toFile());
        return DgraphSchema.of(answer.path("data")).withGraphql(Files.readString(Path.of("config/dgraph/schema.graphql")));
    }

    private final DgraphSchema schema = sampleSchema();
    private final EntityCatalog shipped = new EntityCatalog().load();

    SchemaCheckTest() throws Exception {
    }

    @Test
    void theShippedEntitiesFitTheSampleSchemaAndReviewLeavesOnlyUpdatedAtUnread() {
        for (EntitySpec entity : shipped.all()) {
            assertThat(SchemaCheck.problems(entity, schema)).as(entity.name()).isEmpty();
        }
        assertThat(SchemaCheck.unsynced(shipped.get("review"), schema)).containsExactly("updatedAt");
        assertThat(SchemaCheck.unsynced(shipped.get("product"), schema)).isEmpty();
    }

    @Test
    void aCursorThatIsNotAFieldNamesTheIndexedDateTimesThereAre() {
        EntitySpec review = shipped.get("review");
        EntitySpec onMissing = new EntitySpec("review", "Review", "review", "review_id", "modifiedAt", review.columns(),
                review.edges());
        assertThat(SchemaCheck.problems(onMissing, schema)).containsExactly(
                "cursor: 'modifiedAt' is not a field of Review; its indexed DateTime fields: createdAt, updatedAt");
        EntitySpec onInt = new EntitySpec("review", "Review", "review", "review_id", "rating", review.columns(),
                review.edges());
        assertThat(SchemaCheck.problems(onInt, schema)).containsExactly(
                "cursor: 'rating' is an int in Dgraph, not a DateTime; its indexed DateTime fields: createdAt, updatedAt");
    }

    @Test
    void aCursorWithoutAnIndexIsRefused() {
        EntitySpec attribute = entity("Attribute", "updatedAt", List.of(column("unit", "unit", ColumnType.TEXT)), List.of());
        DgraphSchema unindexed = DgraphSchema.of(answerWith("Attribute", "{\"predicate\": \"Attribute.updatedAt\","
                + " \"type\": \"datetime\"}", "{\"predicate\": \"Attribute.unit\", \"type\": \"string\"}"));
        assertThat(SchemaCheck.problems(attribute, unindexed)).containsExactly("cursor: 'updatedAt' has no index in"
                + " Dgraph, so it cannot be filtered (give it @search(by: [hour]) in the GraphQL schema); it has no"
                + " indexed DateTime field (leave the cursor out to read it all on every run)");
    }

    @Test
    void eachColumnAndEdgeThatDoesNotFitIsNamedWithWhatDgraphHas() {
        EntitySpec review = entity("Review", "createdAt", List.of(
                column("rating", "rating", ColumnType.BOOLEAN),
                column("comment", "coment", ColumnType.TEXT),
                column("created_at", "createdAt", ColumnType.TEXT),
                column("author_name", "author.usrname", ColumnType.TEXT),
                column("product_id", "product", ColumnType.COUNT),
                column("price", "comment", ColumnType.DECIMAL)),
                List.of(new EdgeSpec("author", "WRITTEN_BY_USER", "Product"), new EdgeSpec("rating", "RATED", "Product"),
                        new EdgeSpec("product", "REVIEWS_PRODUCT", "Item")));
        assertThat(SchemaCheck.problems(review, schema)).containsExactly(
                "columns[0].type: BOOLEAN does not fit Review.rating, an int in Dgraph (fits: TEXT, INTEGER, DECIMAL)",
                "columns[1].field: 'coment' is not a field of Review (its fields: rating, comment, product, author,"
                        + " createdAt, updatedAt)",
                "columns[3].field: 'usrname' is not a field of Product (its fields: sku, name, description, price,"
                        + " inStock, category, attributes, relatedProducts, createdAt, updatedAt)",
                "columns[5].type: DECIMAL does not fit Review.comment, a string in Dgraph (fits: TEXT)",
                "edges[0].target: Review.author links User in Dgraph's GraphQL schema, not Product",
                "edges[1].field: Review.rating is an int in Dgraph, not an edge",
                "edges[2].target: 'Item' is not a type in Dgraph's schema (Review.product links Product)");
    }

    @Test
    void aTypeThatIsNotThereIsNamedWithTheTypesThereAre() {
        EntitySpec coupon = entity("Coupon", null, List.of(column("code", "code", ColumnType.TEXT)), List.of());
        assertThat(SchemaCheck.problems(coupon, schema)).containsExactly(
                "type: 'Coupon' is not a type in Dgraph's schema (its types: Attribute, Category, Product, Review, User)");
    }

    @Test
    void aListEdgeFitsOnlyACountAndAScalarListOnlyText() {
        DgraphSchema.Field tags = new DgraphSchema.Field("Product", "tags", "string", false, List.of(), true);
        assertThat(SchemaCheck.fitting(tags)).containsExactly(ColumnType.TEXT);
        assertThat(SchemaCheck.fitting(schema.field("Product", "attributes").orElseThrow()))
                .containsExactly(ColumnType.COUNT);
        assertThat(SchemaCheck.fitting(schema.field("Product", "category").orElseThrow()))
                .containsExactly(ColumnType.REF, ColumnType.COUNT);
    }

    @Test
    void everyTypeDiscoveredFromTheSchemaLoadsAndFitsIt(@TempDir Path dir) throws Exception {
        for (String type : schema.typeNames()) {
            Files.writeString(dir.resolve(EntityDiscovery.entityName(type) + ".yaml"), EntityDiscovery.entityYaml(schema, type));
        }
        EntityCatalog discovered = new EntityCatalog();
        discovered.setDirectory(dir.toString());
        discovered.load();
        assertThat(discovered.all()).extracting(EntitySpec::type)
                .containsExactlyInAnyOrder("Attribute", "Category", "Product", "Review", "User");
        for (EntitySpec entity : discovered.all()) {
            assertThat(SchemaCheck.problems(entity, schema)).as(entity.name()).isEmpty();
            assertThat(SchemaCheck.unsynced(entity, schema)).as(entity.name()).isEmpty();
        }
        assertThat(discovered.get("user").table()).as("USER is reserved in SQL").isEqualTo("app_user");
    }

    @Test
    void aDiscoveredReviewReadsLikeTheShippedOne() throws Exception {
        assertThat(EntityDiscovery.entityYaml(schema, "Review")).isEqualTo("""
                # Review, as Dgraph's schema has it (drafted by `bin/dgraph-sync discover`): rename, retype or drop columns at will.
                type: Review
                table: review
                key: review_id
                cursor: updatedAt
                columns:
                  - { name: rating, field: rating, type: INTEGER }
                  - { name: comment, field: comment, type: TEXT }
                  - { name: product_id, field: product, type: REF }
                  - { name: author_id, field: author, type: REF }
                  - { name: created_at, field: createdAt, type: TIMESTAMP }
                  - { name: updated_at, field: updatedAt, type: TIMESTAMP }
                edges:
                  - { field: product, relationship: PRODUCT, target: Product }
                  - { field: author, relationship: AUTHOR, target: User }
                """);
    }

    @Test
    void aTypeWithoutAnIndexedTimestampGetsNoCursorAndSaysWhy() {
        DgraphSchema noCursor = DgraphSchema.of(answerWith("Tag", "{\"predicate\": \"Tag.label\", \"type\": \"string\"}",
                "{\"predicate\": \"Tag.seenAt\", \"type\": \"datetime\", \"index\": true, \"tokenizer\": [\"day\"]}"));
        assertThat(EntityDiscovery.entityYaml(noCursor, "Tag")).contains("table: tag\nkey: tag_id\n# No cursor: Tag has"
                + " no indexed updatedAt or createdAt, so every run reads every Tag. Set `cursor:` to one of its indexed"
                + " DateTime fields if it tells changes apart: seenAt.\ncolumns:\n").doesNotContain("\ncursor: ");
    }

    private static JsonNode answerWith(String type, String... predicates) {
        StringBuilder fields = new StringBuilder();
        for (String p : predicates) {
            String name = p.replaceAll(".*\"predicate\": \"([^\"]+)\".*", "$1");
            fields.append(fields.isEmpty() ? "" : ", ").append("{\"name\": \"").append(name).append("\"}");
        }
        try {
            return DgraphResponse.JSON.readTree("{\"schema\": [" + String.join(", ", predicates) + "], \"types\": [{\"name\": \""
                    + type + "\", \"fields\": [" + fields + "]}]}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static EntitySpec entity(String type, String cursor, List<ColumnSpec> columns, List<EdgeSpec> edges) {
        return new EntitySpec(type.toLowerCase(), type, type.toLowerCase(), type.toLowerCase() + "_id", cursor, columns, edges);
    }

    private static ColumnSpec column(String name, String field, ColumnType type) {
        return new ColumnSpec(name, field, type, null);
    }
}
