package dev.dgraphsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's worked example: a Brand type is added to the Dgraph schema, and synced by adding
 * config/entities/brand.yaml and a templated route — with the classes already compiled, nothing else.
 */
@ExtendWith(RealDgraph.class)
class AddEntityWithoutCompilingIT {

    @TempDir
    Path dir;

    @Test
    void aBrandAddedThroughYamlAloneLandsWithItsRowsAndEdges() throws Exception {
        Path schema = dir.resolve("schema.graphql");
        Files.writeString(schema, Files.readString(RealDgraph.SCHEMA)
                + Files.readString(Path.of("src/test/resources/brand/brand.graphql")));
        RealDgraph.reset(schema);
        RealDgraph.loadSample(40);
        List<String> products = RealDgraph.graphql("{ queryProduct(first: 3) { id } }", null)
                .path("queryProduct").findValuesAsText("id");
        JsonNode added = RealDgraph.graphql("mutation($in: [AddBrandInput!]!) { addBrand(input: $in) { brand { id } } }",
                Map.of("in", List.of(
                        Map.of("name", "Acme", "country", "NL", "products", List.of(Map.of("id", products.get(0)),
                                Map.of("id", products.get(1))), "createdAt", "2025-01-01T00:00:00+01:00",
                                "updatedAt", "2025-01-02T00:00:00+01:00"),
                        Map.of("name", "Globex", "products", List.of(Map.of("id", products.get(2))),
                                "createdAt", "2025-01-01T00:00:00Z", "updatedAt", "2025-01-01T00:00:00Z"))));
        Map<String, String> brands = new java.util.HashMap<>(); // the answer's order is not the input's: ask by name
        RealDgraph.graphql("{ queryBrand { id name } }", null).path("queryBrand")
                .forEach(b -> brands.put(b.path("name").asText(), b.path("id").asText()));
        String acme = brands.get("Acme");
        assertThat(added.path("addBrand").path("brand")).hasSize(2);

        Path routes = copy(Path.of("routes"), dir.resolve("routes"), "src/test/resources/brand/brand.camel.yaml");
        Path entities = copy(Path.of("config/entities"), dir.resolve("entities"), "src/test/resources/brand/brand.yaml");
        SyncRunner sync = new SyncRunner(dir).routes("file:" + routes + "/*.camel.yaml")
                .set("dgraph.sync.entities-dir", entities.toString());
        assertThat(sync.once()).isZero();

        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        assertThat(warehouse.byKey("SELECT name, country, products_count, updated_at FROM brand"))
                .containsOnlyKeys("Acme", "Globex")
                .hasEntrySatisfying("Acme", r -> assertThat(r).containsEntry("country", "NL")
                        .containsEntry("products_count", 2L)
                        .containsEntry("updated_at", java.time.Instant.parse("2025-01-01T23:00:00Z")));
        assertThat(warehouse.byKey("SELECT edge_id, target_type FROM relationship WHERE relationship_type = 'MAKES_PRODUCT'"))
                .containsOnlyKeys(acme + "_MAKES_PRODUCT_" + products.get(0), acme + "_MAKES_PRODUCT_" + products.get(1),
                        brands.get("Globex") + "_MAKES_PRODUCT_" + products.get(2));
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isEqualTo(40);
        assertThat(warehouse.byKey("SELECT type_name, field_count FROM schema_metadata").get("Brand"))
                .containsEntry("field_count", 6L);
    }

    private static Path copy(Path from, Path to, String extra) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.copy(Path.of(extra), to.resolve(Path.of(extra).getFileName()));
        return to;
    }
}
