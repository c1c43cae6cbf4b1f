package dev.dgraphsync.warehouse;

import dev.dgraphsync.mapping.ColumnType;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** What differs between SQL databases: column types and the upsert statement. */
public interface WarehouseDialect {

    /** A string of any length. */
    String textType();

    /** An exact decimal of any scale (Dgraph floats keep the digits Dgraph printed). */
    String decimalType();

    default String sqlType(ColumnType type) {
        return switch (type) {
            case TEXT -> textType();
            case INTEGER -> "BIGINT";
            case DECIMAL -> decimalType();
            case BOOLEAN -> "BOOLEAN";
            case TIMESTAMP -> timestampType();
            case REF -> idType();
            case COUNT -> "INTEGER";
        };
    }

    /** The type of key and id columns (Dgraph uids, edge ids, entity names). */
    default String idType() {
        return "VARCHAR(200)";
    }

    default String timestampType() {
        return "TIMESTAMP WITH TIME ZONE";
    }

    /** The finest part of a second {@link #timestampType()} keeps (SQL's default precision: microseconds). */
    default ChronoUnit timestampUnit() {
        return ChronoUnit.MICROS;
    }

    /**
     * A value ready to bind: a timestamp is cut, never rounded, to what the column keeps (PostgreSQL would round
     * Dgraph's nanoseconds up as often as down), so that a stored cursor never lies after the instant it stands for.
     */
    default Object bindable(Object value) {
        return value instanceof OffsetDateTime t ? t.truncatedTo(timestampUnit()) : value;
    }

    /**
     * A statement that inserts a row or updates the row with the same key, with one parameter per column in
     * {@code columns} order. {@code insertOnly} columns keep their first value (an edge's {@code created_at}).
     * Standard SQL MERGE: H2 and PostgreSQL 15+ both run it; each column is cast to its type so that untyped
     * parameters are never guessed.
     */
    default String upsert(String table, String key, List<Column> columns, List<String> insertOnly) {
        String source = columns.stream()
                .map(c -> "CAST(? AS " + c.sqlType() + ") AS " + c.name())
                .collect(Collectors.joining(", "));
        String updates = columns.stream()
                .filter(c -> !c.name().equals(key) && !insertOnly.contains(c.name()))
                .map(c -> c.name() + " = s." + c.name())
                .collect(Collectors.joining(", "));
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String values = columns.stream().map(c -> "s." + c.name()).collect(Collectors.joining(", "));
        return "MERGE INTO " + table + " t USING (SELECT " + source + ") s ON (t." + key + " = s." + key + ")"
                + " WHEN MATCHED THEN UPDATE SET " + updates
                + " WHEN NOT MATCHED THEN INSERT (" + names + ") VALUES (" + values + ")";
    }

    /**
     * Statements each connection runs before the connector uses it, so that these table and column names read as
     * names (whatever the JDBC URL or a host's DataSource says).
     */
    default List<String> sessionSetup(java.util.Collection<String> names) {
        return List.of();
    }

    /**
     * Whether batches of different entities are best written at the same time (a server database: each on a
     * connection of its own), or one after another (an embedded store whose writers would contend for one file).
     */
    default boolean writesInParallel() {
        return true;
    }

    /**
     * Whether the warehouse indexes what points at a node from elsewhere: {@code relationship.target_id} and each
     * reference column ({@code category_id}, {@code author_id}…). Their keys arrive in random order, so each batch
     * touches pages all over these indexes; a server database updates them in place, an embedded copy-on-write store
     * rewrites every page touched at each commit ({@link H2Dialect}).
     */
    default boolean indexesReferences() {
        return true;
    }

    /** Statements run once, as the connector first reaches the database: what it needs of it (durable commits). */
    default List<String> databaseSetup() {
        return List.of();
    }

    /**
     * Statements that bound how long a transaction of this connection may wait on its client. A batch holds its
     * entity's checkpoint row from its first statement to its commit (a newer run's claim waits for it), and Quartz's
     * clustered store holds its lock rows: a writer that stops mid-transaction (a paused process, a cut network) must
     * not hold them, and the entity or the whole cluster, for good. A server database that can end such a
     * transaction by itself is told to; run as a batch begins and as Quartz takes a connection.
     */
    default List<String> idleTransactionLimit() {
        return List.of();
    }

    /**
     * Statements that make instances starting at the same moment make the tables one after another (PostgreSQL's
     * concurrent CREATE TABLE IF NOT EXISTS can collide on its catalog's keys), until {@link #schemaUnlock}.
     */
    default List<String> schemaLock() {
        return List.of();
    }

    default List<String> schemaUnlock() {
        return List.of();
    }

    /** A column of a statement: its name and SQL type. */
    record Column(String name, String sqlType) {
    }

    /** Quartz's driver delegate for this database (the election's clustered job store). */
    String quartzDelegate();

    /** The script Quartz ships that makes its tables in this database. */
    String quartzTables();

    static WarehouseDialect forProduct(String databaseProductName) {
        return switch (databaseProductName) {
            case "H2" -> new H2Dialect();
            case "PostgreSQL" -> new PostgresDialect();
            default -> throw new IllegalArgumentException("warehouse.jdbc-url: " + databaseProductName
                    + " is not a supported warehouse (H2, PostgreSQL)");
        };
    }
}
