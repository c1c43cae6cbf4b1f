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
            digests[i] = digest(values.get(columns.get(i).name()));
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

    /**
     * The value's digest, from its canonical form: an integer by its number, a decimal without trailing zeros by its
     * digits and scale, an instant by its second and nanosecond in UTC, anything else by its text. Worked out from
     * the numbers, not from printed text: {@code Instant.toString} and {@code BigDecimal.toPlainString} cost more
     * than the rest of a row's comparison.
     */
    private static long digest(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof BigDecimal d) {
            BigDecimal plain = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
            java.math.BigInteger unscaled = plain.unscaledValue();
            long digits = unscaled.bitLength() < 64 ? mix(unscaled.longValue()) : text(unscaled.toString());
            return mix(digits ^ plain.scale());
        }
        if (value instanceof Number n) {
            return mix(n.longValue());
        }
        if (value instanceof OffsetDateTime t) {
            return mix(mix(t.toEpochSecond()) ^ t.getNano());
        }
        return text(value.toString());
    }

    /** A 64-bit finalizer (MurmurHash3's): every bit of the number moves about half the digest's bits. */
    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb93fe1a85ec3L;
        return x ^ (x >>> 33);
    }

    /** FNV-1a over the text's UTF-16 units: quick, and a collision between a value and its changed self is remote. */
    private static long text(String text) {
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
