package dev.dgraphsync.warehouse;

import dev.dgraphsync.mapping.ColumnType;

/** The embedded default warehouse. */
public class H2Dialect implements WarehouseDialect {

    /** Nanoseconds, as Dgraph keeps them (H2's default is microseconds). */
    @Override
    public String timestampType() {
        return "TIMESTAMP(9) WITH TIME ZONE";
    }

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "CHARACTER VARYING";
            case INTEGER -> "BIGINT";
            // DECFLOAT keeps any decimal exactly; H2's NUMERIC without a scale would round prices to integers.
            case DECIMAL -> "DECFLOAT";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> timestampType();
            case REF -> idType();
            case COUNT -> "INTEGER";
        };
    }
}
