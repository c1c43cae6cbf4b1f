package dev.dgraphsync.mapping;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A row's synced values reduced to one 64-bit digest per column, computed the same way from a node read out of
 * Dgraph and from its row read out of the warehouse: each value first in one canonical form (integers as digits,
 * decimals without trailing zeros, instants in UTC), so only a real difference differs. A page of rows can then
 * be compared without holding their values.
 */
public final class RowDigest {

    private static final long NULL = 0x9E3779B97F4A7C15L;

    private RowDigest() {
    }

    /** One digest per column of the entity, in the YAML's order. */
    public static long[] of(EntitySpec entity, Map<String, Object> values) {
        List<ColumnSpec> columns = entity.columns();
        long[] digests = new long[columns.size()];
        for (int i = 0; i < digests.length; i++) {
            digests[i] = digest(canonical(values.get(columns.get(i).name())));
        }
        return digests;
    }

    /** The names of the columns whose digests differ. */
    public static List<String> differing(EntitySpec entity, long[] a, long[] b) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                names.add(entity.columns().get(i).name());
            }
        }
        return names;
    }

    static String canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            BigDecimal plain = d.stripTrailingZeros();
            return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
        }
        if (value instanceof Number n) {
            return Long.toString(n.longValue());
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        return value.toString();
    }

    /** FNV-1a over the text's UTF-16 units: quick, and a collision between a value and its changed self is remote. */
    private static long digest(String text) {
        if (text == null) {
            return NULL;
        }
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
