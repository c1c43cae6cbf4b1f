package dev.dgraphsync.warehouse;

/** PostgreSQL 15 and later (MERGE). Timestamps keep microseconds, PostgreSQL's finest. */
public class PostgresDialect implements WarehouseDialect {

    @Override
    public String textType() {
        return "TEXT";
    }

    @Override
    public String decimalType() {
        return "NUMERIC";
    }
}
