package dev.dgraphsync.warehouse;

import java.util.List;

/** PostgreSQL 15 and later (MERGE). Timestamps keep microseconds, PostgreSQL's finest. */
public class PostgresDialect implements WarehouseDialect {

    /**
     * A transaction that waits on its client for a minute (the process paused, the network cut) is ended by the
     * server, and its locks with it. Neither a batch nor Quartz waits on its client between two statements that long.
     */
    @Override
    public List<String> idleTransactionLimit() {
        return List.of("SET idle_in_transaction_session_timeout = '60s'");
    }

    @Override
    public String textType() {
        return "TEXT";
    }

    @Override
    public String decimalType() {
        return "NUMERIC";
    }

    /** A session's advisory lock of dgraph-sync's own number. */
    @Override
    public List<String> schemaLock() {
        return List.of("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
    }

    @Override
    public List<String> schemaUnlock() {
        return List.of("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
    }

    private static final long SCHEMA_LOCK = 7310491205L;

    @Override
    public String quartzDelegate() {
        return "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
    }

    @Override
    public String quartzTables() {
        return "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    }
}
