package dev.dgraphsync.mapping;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Which entities a changed predicate sends its node to, from the entity files alone. */
class ChangedEntitiesTest {

    @TempDir
    Path dir;

    private ChangedEntities of(String directory) {
        EntityCatalog catalog = new EntityCatalog();
        catalog.setDirectory(directory);
        catalog.load();
        ChangedEntities changed = new ChangedEntities();
        changed.setCatalog(catalog);
        return changed;
    }

    @Test
    void aColumnAnEdgeOrTheCursorOfItsTypeNamesTheEntity() {
        ChangedEntities changed = of("config/entities");
        assertThat(changed.of("Product.name")).containsExactly("product");
        assertThat(changed.of("Product.category")).containsExactly("product");
        assertThat(changed.of("Product.relatedProducts")).containsExactly("product");
        assertThat(changed.of("Product.updatedAt")).containsExactly("product");
        assertThat(changed.of("Review.product")).containsExactly("review");
    }

    @Test
    void aPredicateNoEntityReadsNamesNone() {
        ChangedEntities changed = of("config/entities");
        assertThat(changed.of("Review.updatedAt")).as("Review's cursor is createdAt, and no column reads it").isEmpty();
        assertThat(changed.of("Order.total")).isEmpty();
        assertThat(changed.of("dgraph.type")).isEmpty();
    }

    @Test
    void aPredicateTwoEntitiesShareNamesBoth() throws Exception {
        Files.writeString(dir.resolve("product.yaml"), "type: Product\ntable: product\nkey: product_id\ncursor: updatedAt\n"
                + "columns:\n  - { name: name, field: name, type: TEXT }\n");
        Files.writeString(dir.resolve("product_price.yaml"), "type: Product\ntable: product_price\nkey: product_id\n"
                + "cursor: updatedAt\ncolumns:\n  - { name: name, field: name, type: TEXT }\n"
                + "  - { name: price, field: price, type: DECIMAL }\n");
        ChangedEntities changed = of(dir.toString());
        assertThat(changed.of("Product.name")).containsExactlyInAnyOrder("product", "product_price");
        assertThat(changed.of("Product.price")).containsExactly("product_price");
    }
}
