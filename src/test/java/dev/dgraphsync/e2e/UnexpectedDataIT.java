package dev.dgraphsync.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data the GraphQL schema does not allow, written into the real Dgraph with DQL: nulls in required fields (the
 * cursor field among them), a predicate no YAML names, DateTimes without a zone and with an offset, a float in
 * exponent form. Each lands faithfully, on the first pass and on every later one; nothing is skipped or fails.
 */
@ExtendWith(RealDgraph.class)
class UnexpectedDataIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void sampleCatalog() throws Exception {
        RealDgraph.freshSample(30);
    }

    @Test
    void nullsInRequiredFieldsUnknownFieldsAndOddValuesLandFaithfullyOnEveryPass() throws Exception {
        RealDgraph.dqlSet("""
                [{"dgraph.type": "Product", "Product.sku": "SKU-NULLS"},
                 {"dgraph.type": "Product", "Product.sku": "SKU-QUOTES", "Product.name": "Bobby'); DROP TABLE product;--",
                  "Product.description": "it's \\\"quoted\\\" \\\\ and ? and ${x}"},
                 {"dgraph.type": "Product", "Product.sku": "SKU-ODD", "Product.name": "עברית 😀 ok",
                  "Product.price": 1.5e+06, "Product.inStock": false, "Product.internalNote": "no YAML names this",
                  "Product.createdAt": "2024-03-01T10:00:00", "Product.updatedAt": "2024-03-01T10:00:00+05:30"},
                 {"dgraph.type": "Product", "Product.sku": "SKU-OLD", "Product.updatedAt": "1999-06-30T12:00:00Z"}]""");
        SyncRunner sync = new SyncRunner(dir);

        assertThat(sync.once()).isZero();

        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        Map<String, Map<String, Object>> products = warehouse.byKey(
                "SELECT sku, name, description, price, in_stock, category_id, attributes_count, created_at, updated_at"
                        + " FROM product WHERE sku LIKE 'SKU-%'");
        assertThat(products).hasSize(30 + 4);
        // Values travel as bound parameters: text that looks like SQL is only text.
        assertThat(products.get("SKU-QUOTES")).containsEntry("name", "Bobby'); DROP TABLE product;--")
                .containsEntry("description", "it's \"quoted\" \\ and ? and ${x}");
        Map<String, Object> nulls = products.get("SKU-NULLS");
        assertThat(nulls).containsEntry("name", null).containsEntry("price", null).containsEntry("in_stock", null)
                .containsEntry("category_id", null).containsEntry("created_at", null).containsEntry("updated_at", null)
                .containsEntry("attributes_count", 0L);
        assertThat(products.get("SKU-ODD")).containsEntry("name", "עברית 😀 ok")
                .containsEntry("price", new BigDecimal("1500000")).containsEntry("in_stock", false)
                .containsEntry("created_at", Instant.parse("2024-03-01T10:00:00Z"))
                .containsEntry("updated_at", Instant.parse("2024-03-01T04:30:00Z"));
        assertThat(warehouse.query("SELECT status, rows_skipped FROM sync_run WHERE entity = 'product'"))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("status", "SUCCEEDED")
                        .containsEntry("rows_skipped", 0L));

        // A later, incremental pass (filtered on the cursor) still finds a node that has no cursor value.
        RealDgraph.dqlSet("[{\"dgraph.type\": \"Product\", \"Product.sku\": \"SKU-NULLS-LATER\"}]");

        assertThat(sync.once()).isZero();

        assertThat(warehouse.byKey("SELECT sku, name FROM product WHERE sku LIKE 'SKU-NULLS%'"))
                .containsOnlyKeys("SKU-NULLS", "SKU-NULLS-LATER");
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isEqualTo(30 + 5);
        assertThat(warehouse.count("SELECT COUNT(*) FROM sync_run WHERE status <> 'SUCCEEDED'")).isZero();
        // Read again: the three nodes without a cursor value, and no node that has one (1999 and 2024 alike).
        assertThat(warehouse.count("SELECT rows_written FROM sync_run WHERE entity = 'product' ORDER BY started_at DESC"
                + " FETCH FIRST ROW ONLY")).isEqualTo(3);
    }
}
