package dev.dgraphsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.source.DgraphResponse;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RowExtractorTest {

    private final EntityCatalog catalog = catalog();

    private static EntityCatalog catalog() {
        EntityCatalog catalog = new EntityCatalog();
        catalog.setDirectory("config/entities");
        return catalog.load();
    }

    @Test
    void aProductBecomesOneNodeRowThenOneRowPerEdgeWithTheSpecsEdgeIds() throws Exception {
        List<Row> rows = extract("product", """
                {"uid":"0x10","Product.sku":"SKU-1","Product.name":"Boot 😀","Product.price":1.5e+06,
                 "Product.inStock":true,"Product.category":{"uid":"0x2"},
                 "Product.attributes":[{"uid":"0x5"},{"uid":"0x6"}],"Product.relatedProducts":[{"uid":"0x11"}],
                 "Product.createdAt":"2024-01-01T10:00:00+05:30","Product.updatedAt":"2024-01-02T00:00:00.25Z"}
                """);

        assertThat(rows).extracting(Row::kind).containsExactly(Row.Kind.NODE, Row.Kind.EDGE, Row.Kind.EDGE,
                Row.Kind.EDGE, Row.Kind.EDGE);
        assertThat(rows).extracting(Row::closesRecord).containsExactly(false, false, false, false, true);
        Row node = rows.get(0);
        assertThat(node.values()).containsEntry("product_id", "0x10").containsEntry("name", "Boot 😀")
                .containsEntry("in_stock", true).containsEntry("category_id", "0x2")
                .containsEntry("attributes_count", 2).containsEntry("related_products_count", 1)
                .containsEntry("description", null);
        assertThat((BigDecimal) node.values().get("price")).isEqualByComparingTo("1500000");
        assertThat(node.values().get("created_at")).isEqualTo(OffsetDateTime.parse("2024-01-01T04:30:00Z"));
        assertThat(node.values().get("updated_at")).isEqualTo(OffsetDateTime.parse("2024-01-02T00:00:00.250Z"));
        assertThat(rows.subList(1, 5)).extracting(r -> r.values().get("edge_id")).containsExactly(
                "0x10_BELONGS_TO_CATEGORY_0x2", "0x10_RELATED_TO_0x11", "0x10_HAS_ATTRIBUTE_0x5",
                "0x10_HAS_ATTRIBUTE_0x6");
        assertThat(rows.get(1).values()).containsEntry("source_type", "Product").containsEntry("target_type", "Category");
    }

    @Test
    void aReviewCarriesItsAuthorsUsernameThroughTheEdge() throws Exception {
        List<Row> rows = extract("review", """
                {"uid":"0x20","Review.rating":4,"Review.product":{"uid":"0x10"},
                 "Review.author":{"uid":"0x7","User.username":"ada"},"Review.createdAt":"2024-01-01T00:00:00",
                 "Review.updatedAt":"2024-01-01T00:00:00Z"}
                """);
        assertThat(rows.get(0).values()).containsEntry("rating", 4L).containsEntry("author_id", "0x7")
                .containsEntry("author_username", "ada").containsEntry("product_id", "0x10")
                .containsEntry("created_at", OffsetDateTime.parse("2024-01-01T00:00:00Z"));
        assertThat(rows).extracting(r -> r.values().get("relationship_type")).containsExactly(null,
                "REVIEWS_PRODUCT", "WRITTEN_BY_USER");
    }

    @Test
    void aNodeWithoutEdgesClosesItsRecordItself() throws Exception {
        List<Row> rows = extract("attribute", """
                {"uid":"0x5","Attribute.name":"size","Attribute.value":"XL","Attribute.updatedAt":"2024-01-01T00:00:00Z"}
                """);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.closesRecord()).isTrue());
        assertThat(rows.get(0).values()).containsEntry("unit", null);
    }

    private List<Row> extract(String entity, String json) throws Exception {
        JsonNode record = DgraphResponse.JSON.readTree(json);
        List<Row> rows = new ArrayList<>();
        RowExtractor.extract(catalog.get(entity), record, rows);
        return rows;
    }
}
