package dev.dgraphsync.warehouse;

import dev.dgraphsync.mapping.ColumnType;

/** PostgreSQL 15 and later (MERGE). */
public class PostgresDialect implements WarehouseDialect {

    @Override
    public String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> "TEXT";
            case INTEGER -> "BIGINT";
            case DECIMAL -> "NUMERIC";
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> timestampType();
            case REF -> idType();
            case COUNT -> "INTEGER";
        };
    }
}
