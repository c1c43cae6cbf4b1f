package dev.dgraphsync.mapping;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RowDigestTest {

    private final EntitySpec product = new EntitySpec("product", "Product", "product", "product_id", "updatedAt", List.of(
            new ColumnSpec("price", "price", ColumnType.DECIMAL, null),
            new ColumnSpec("stock", "stock", ColumnType.INTEGER, null),
            new ColumnSpec("updated_at", "updatedAt", ColumnType.TIMESTAMP, null),
            new ColumnSpec("name", "name", ColumnType.TEXT, null)), List.of());

    @Test
    void theSameValueReadFromDgraphAndFromTheWarehouseHasTheSameDigest() {
        long[] dgraph = RowDigest.of(product, values(new BigDecimal("1.5E+6"), 3, OffsetDateTime.parse("2025-01-01T05:30:00+05:30"), "café"));
        long[] warehouse = RowDigest.of(product, values(new BigDecimal("1500000.000"), 3L, OffsetDateTime.parse("2025-01-01T00:00:00Z"), "café"));
        assertThat(RowDigest.differing(product, dgraph, warehouse)).isEmpty();
    }

    @Test
    void aChangedValueOrANullIsNamedByItsColumn() {
        long[] dgraph = RowDigest.of(product, values(new BigDecimal("9.99"), 3L, OffsetDateTime.parse("2025-01-01T00:00:00Z"), ""));
        long[] warehouse = RowDigest.of(product, values(new BigDecimal("10.99"), 3L, OffsetDateTime.parse("2025-01-01T00:00:01Z"), null));
        assertThat(RowDigest.differing(product, dgraph, warehouse)).containsExactly("price", "updated_at", "name");
    }

    @Test
    void decimalsAndInstantsAreHeldByValueNotBySpelling() {
        String huge = "123456789012345678901234567890.5";
        long[] dgraph = RowDigest.of(product, values(new BigDecimal("0.000"), -7, OffsetDateTime.parse("2025-01-01T00:00:00.5Z"), "x"));
        long[] same = RowDigest.of(product, values(BigDecimal.ZERO, -7L, OffsetDateTime.parse("2024-12-31T19:00:00.500-05:00"), "x"));
        assertThat(RowDigest.differing(product, dgraph, same)).isEmpty();
        long[] hugeA = RowDigest.of(product, values(new BigDecimal(huge + "0"), 0L, null, null));
        long[] hugeB = RowDigest.of(product, values(new BigDecimal(huge), 0L, null, null));
        long[] hugeC = RowDigest.of(product, values(new BigDecimal("123456789012345678901234567890.4"), 0L, null, null));
        assertThat(RowDigest.differing(product, hugeA, hugeB)).isEmpty();
        assertThat(RowDigest.differing(product, hugeA, hugeC)).containsExactly("price");
        long[] later = RowDigest.of(product, values(new BigDecimal("0.1"), 7L, OffsetDateTime.parse("2025-01-01T00:00:00.500000001Z"), "x"));
        assertThat(RowDigest.differing(product, dgraph, later)).containsExactly("price", "stock", "updated_at");
    }

    private static Map<String, Object> values(Object price, Object stock, Object updatedAt, Object name) {
        Map<String, Object> values = new HashMap<>();
        values.put("price", price);
        values.put("stock", stock);
        values.put("updated_at", updatedAt);
        values.put("name", name);
        return values;
    }
}
