package dev.dgraphsync.warehouse;

import dev.dgraphsync.mapping.ColumnSpec;
import dev.dgraphsync.mapping.ColumnType;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.mapping.EntitySpecException;
import dev.dgraphsync.warehouse.WarehouseDialect.Column;


import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The warehouse's tables: one per entity (named and shaped by its YAML), plus {@code relationship},
 * {@code schema_metadata} and the connector's own {@code sync_*} tables. Created when missing by the start-up checks
 * (once every route has been made, so that a route that cannot be made stops the start before anything is written),
 * or else by the first connection asked for. A column added to an entity's YAML is added to its table. Nothing is
 * ever dropped.
 */
public class WarehouseTables {

    public static final String RELATIONSHIP = "relationship";
    public static final String SCHEMA_METADATA = "schema_metadata";
    public static final String CHECKPOINT = "sync_checkpoint";
    public static final String RUN = "sync_run";
    public static final String VERIFY = "sync_verify";
    public static final String REPAIR = "sync_repair";
    public static final String UNSTAMPED = "sync_unstamped";
    public static final String CDC = "sync_cdc";
    private static final List<String> BUILT_IN = List.of(RELATIONSHIP, SCHEMA_METADATA, CHECKPOINT, RUN, VERIFY, REPAIR,
            UNSTAMPED, CDC);

    private Warehouse warehouse;
    private EntityCatalog catalog;
    private final Map<String, TableDef> tables = new ConcurrentHashMap<>();
    private volatile boolean created;

    public void setWarehouse(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    public void setCatalog(EntityCatalog catalog) {
        this.catalog = catalog;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    /** A connection to the warehouse, its tables created first if they are not yet. */
    public Connection connect() throws SQLException {
        if (!created) {
            create();
        }
        return warehouse.connect();
    }

    public TableDef entity(EntitySpec entity) {
        return tables.computeIfAbsent(entity.table(), t -> entityTable(entity));
    }

    public TableDef relationship() {
        return tables.computeIfAbsent(RELATIONSHIP, t -> withFlags(new TableDef(RELATIONSHIP, "edge_id", List.of(
                id("edge_id"), id("source_id"), id("source_type"), id("target_id"), id("target_type"),
                id("relationship_type"), timestamp("created_at"), timestamp("synced_at")), List.of("created_at"))));
    }

    public TableDef schemaMetadata() {
        WarehouseDialect d = warehouse.dialect();
        return tables.computeIfAbsent(SCHEMA_METADATA, t -> withFlags(new TableDef(SCHEMA_METADATA, "type_name", List.of(
                id("type_name"), id("kind"), new Column("field_count", "INTEGER"),
                new Column("field_names", d.sqlType(ColumnType.TEXT)), new Column("unsynced_fields", d.sqlType(ColumnType.TEXT)),
                timestamp("extracted_at"), timestamp("synced_at")), List.of())));
    }

    public TableDef checkpoint() {
        return tables.computeIfAbsent(CHECKPOINT, t -> new TableDef(CHECKPOINT, "entity", List.of(id("entity"),
                timestamp("cursor_from"), timestamp("next_from"), id("after_uid"), timestamp("updated_at"),
                new Column("synced_columns", warehouse.dialect().sqlType(ColumnType.TEXT)), new Column("epoch", "BIGINT")),
                List.of()));
    }

    public TableDef run() {
        String text = warehouse.dialect().sqlType(ColumnType.TEXT);
        return tables.computeIfAbsent(RUN, t -> new TableDef(RUN, "run_id", List.of(id("run_id"), id("entity"),
                timestamp("started_at"), timestamp("ended_at"), id("status"), new Column("rows_written", "BIGINT"),
                new Column("edges_written", "BIGINT"), new Column("rows_skipped", "BIGINT"), new Column("checkpoint_before", text),
                new Column("checkpoint_after", text), new Column("error_message", text), id("instance")), List.of()));
    }

    /** A row per entity per scheduled verification: what differed, with examples (JSON). */
    public TableDef verify() {
        String text = warehouse.dialect().sqlType(ColumnType.TEXT);
        return tables.computeIfAbsent(VERIFY, t -> new TableDef(VERIFY, "verify_id", List.of(id("verify_id"), id("entity"),
                timestamp("started_at"), timestamp("ended_at"), new Column("checked", "BIGINT"),
                new Column("missing", "BIGINT"), new Column("extra", "BIGINT"), new Column("differing", "BIGINT"),
                new Column("edges_missing", "BIGINT"), new Column("edges_extra", "BIGINT"),
                new Column("wrong_counts", "BIGINT"), new Column("in_flight", "BIGINT"), new Column("examples", text)),
                List.of()));
    }

    /**
     * The nodes {@code verify --repair} or change data capture asked the next run of their entity to read again; for a
     * change, when the source saw it first (kept while the request waits).
     */
    public TableDef repair() {
        return tables.computeIfAbsent(REPAIR, t -> new TableDef(REPAIR, "repair_id", List.of(id("repair_id"), id("entity"),
                id("node_id"), timestamp("requested_at"), timestamp("changed_at")), List.of("changed_at")));
    }

    /** How far change data capture has been applied: one row per source, its last commit_ts and Kafka offsets. */
    public TableDef cdc() {
        return tables.computeIfAbsent(CDC, t -> new TableDef(CDC, "source_id", List.of(id("source_id"),
                new Column("commit_ts", "BIGINT"), new Column("offsets", warehouse.dialect().sqlType(ColumnType.TEXT)),
                timestamp("updated_at")), List.of()));
    }

    /** Per entity, what the last lookup of nodes without a cursor value found (uids in hexadecimal, comma-separated). */
    public TableDef unstamped() {
        String text = warehouse.dialect().sqlType(ColumnType.TEXT);
        return tables.computeIfAbsent(UNSTAMPED, t -> new TableDef(UNSTAMPED, "entity", List.of(id("entity"),
                id("cursor_predicate"), new Column("node_ids", text), id("highest_uid"), id("look_after_uid"), timestamp("whole_type_at")),
                List.of()));
    }

    /** The connector's own tables. */
    private List<TableDef> builtIn() {
        return List.of(relationship(), schemaMetadata(), checkpoint(), run(), verify(), repair(), unstamped(), cdc());
    }

    /** The upsert statement of a table, with one parameter per column in the table's order. */
    public String upsert(TableDef table) {
        return warehouse.dialect().upsert(table.name(), table.key(), table.columns(), table.insertOnly());
    }

    /** The insert statement of a table, with one parameter per column in the table's order. */
    public String insert(TableDef table) {
        return "INSERT INTO " + table.name() + " (" + String.join(", ", table.columnNames()) + ") VALUES ("
                + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")";
    }

    /**
     * Binds one row (a value per column name) to a statement of {@link #upsert} or {@link #insert}, in the table's
     * column order: the one path by which a value reaches the warehouse ({@link WarehouseDialect#bindable}). A column
     * the row has no entry for is written as the table writes it by default: {@code now} for {@code synced_at} and
     * {@code created_at} (an edge's first sighting), FALSE for {@code is_deleted}, else NULL.
     */
    public void bind(PreparedStatement statement, TableDef table, Map<String, ?> row, OffsetDateTime now)
            throws SQLException {
        WarehouseDialect dialect = warehouse.dialect();
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).name();
            Object value = row.get(name);
            if (value == null && !row.containsKey(name)) {
                value = switch (name) {
                    case "synced_at", "created_at" -> now;
                    case "is_deleted" -> Boolean.FALSE;
                    default -> null;
                };
            }
            statement.setObject(i + 1, dialect.bindable(value));
        }
    }

    /** Upserts these rows in one JDBC batch on the caller's connection (inside its transaction). */
    public void upsert(Connection c, TableDef table, List<? extends Map<String, ?>> rows) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement s = c.prepareStatement(upsert(table))) {
            for (Map<String, ?> row : rows) {
                bind(s, table, row, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Upserts these rows in a transaction of their own. */
    public void upsert(TableDef table, List<? extends Map<String, ?>> rows) {
        inTransaction("writing " + table.name(), c -> {
            upsert(c, table, rows);
            return rows.size();
        });
    }

    /** Work done on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws (what the rollback itself
     * threw, on a connection already lost, is kept as suppressed). Whatever the warehouse said against it comes back
     * as a {@link WarehouseException} naming {@code what} was being done ("writing sync_run"). PostgreSQL's driver
     * throws {@link AssertionError} from a batch when the server goes away mid-batch: it is rolled back like the others.
     */
    public <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | AssertionError e) {
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException lost) {
                    e.addSuppressed(lost);
                }
                throw e;
            }
        } catch (SQLException | AssertionError | RuntimeException e) {
            if (e instanceof WarehouseException known) {
                throw known;
            }
            throw WarehouseException.of(what, e);
        }
    }

    /** Reads on a connection of its own (no transaction); failures as {@link #inTransaction} says. */
    public <T> T read(String what, Work<T> work) {
        try (Connection c = connect()) {
            return work.run(c);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof WarehouseException known) {
                throw known;
            }
            throw WarehouseException.of(what, e);
        }
    }

    /** Creates what is missing, once. */
    public synchronized void create() {
        if (created) {
            return;
        }
        for (EntitySpec entity : catalog.all()) {
            if (BUILT_IN.stream().anyMatch(entity.table()::equalsIgnoreCase)) {
                throw new EntitySpecException(catalog.fileOf(entity) + ": table: '" + entity.table()
                        + "' is one of the connector's own tables (" + String.join(", ", BUILT_IN) + "); name it otherwise");
            }
        }
        warehouse.awaitReachable(); // and its dialect known before a connection is held: a pool of one would wait
        warehouse.useNames(names());
        try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
            lockSchema(s);
            try {
                createAll(c, s);
            } finally {
                unlockSchema(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the warehouse tables: " + e.getMessage(), e);
        }
        created = true;
    }

    /**
     * Each statement commits on its own, and only what is missing is asked for: an instance that starts beside others
     * at work takes no lock on the tables they write.
     */
    private void createAll(Connection c, Statement s) throws SQLException {
        for (EntitySpec entity : catalog.all()) {
            try {
                create(c, s, entity(entity));
            } catch (SQLException e) {
                throw new EntitySpecException(catalog.fileOf(entity) + ": the table '" + entity.table()
                        + "' cannot be made in " + c.getMetaData().getDatabaseProductName() + " (" + e.getMessage()
                        + "). A table or column named like an SQL keyword of that database? Rename it here");
            }
        }
        for (TableDef table : builtIn()) {
            create(c, s, table);
        }
        s.execute("CREATE INDEX IF NOT EXISTS relationship_source ON " + RELATIONSHIP + " (source_id)");
        s.execute("CREATE INDEX IF NOT EXISTS sync_run_entity ON " + RUN + " (entity, started_at)");
        if (warehouse.dialect().indexesReferences()) {
            indexReferences(s);
        }
    }

    /** Takes the dialect's lock on making tables, until {@link #unlockSchema} ({@link WarehouseDialect#schemaLock}). */
    public void lockSchema(Statement s) throws SQLException {
        for (String sql : warehouse.dialect().schemaLock()) {
            s.execute(sql);
        }
    }

    public void unlockSchema(Statement s) throws SQLException {
        for (String sql : warehouse.dialect().schemaUnlock()) {
            s.execute(sql);
        }
    }

    /**
     * Edges by target and references (category_id, author_id…): joins walk them backwards, and the deletes
     * reconciliation finds what pointed at a gone node through them.
     */
    private void indexReferences(Statement s) throws SQLException {
        s.execute("CREATE INDEX IF NOT EXISTS relationship_target ON relationship (target_id)");
        for (EntitySpec entity : catalog.all()) {
            for (ColumnSpec column : entity.columns()) {
                if (column.type() == ColumnType.REF) {
                    s.execute("CREATE INDEX IF NOT EXISTS " + entity.table() + "_" + column.name() + " ON "
                            + entity.table() + " (" + column.name() + ")");
                }
            }
        }
    }

    /** Every table and column name the connector's statements use. */
    private java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.List<TableDef> defs = new java.util.ArrayList<>(builtIn());
        catalog.all().forEach(entity -> defs.add(entity(entity)));
        for (TableDef def : defs) {
            names.add(def.name());
            def.columns().forEach(column -> names.add(column.name()));
        }
        return names;
    }

    private static void create(Connection c, Statement s, TableDef table) throws SQLException {
        Set<String> existing = columns(c, table.name());
        if (existing.isEmpty()) {
            s.execute(createTable(table));
            return;
        }
        for (Column column : table.columns()) {
            if (!existing.contains(column.name().toLowerCase(Locale.ROOT))) {
                s.execute("ALTER TABLE " + table.name() + " ADD COLUMN IF NOT EXISTS " + column.name() + " "
                        + column.sqlType());
            }
        }
    }

    /** The table's columns, in lower case (none: no such table). */
    private static Set<String> columns(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        Set<String> columns = new HashSet<>();
        try (ResultSet r = meta.getColumns(c.getCatalog(), c.getSchema(), name, null)) {
            while (r.next()) {
                columns.add(r.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    private static String createTable(TableDef table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table.name()).append(" (");
        for (Column column : table.columns()) {
            sql.append(column.name()).append(' ').append(column.sqlType())
                    .append(column.name().equals(table.key()) ? " NOT NULL PRIMARY KEY" : "").append(", ");
        }
        return sql.replace(sql.length() - 2, sql.length(), ")").toString();
    }

    private TableDef entityTable(EntitySpec entity) {
        WarehouseDialect d = warehouse.dialect();
        List<Column> columns = new ArrayList<>();
        columns.add(id(entity.key()));
        for (ColumnSpec column : entity.columns()) {
            columns.add(new Column(column.name(), d.sqlType(column.type())));
        }
        columns.add(timestamp("synced_at"));
        return withFlags(new TableDef(entity.table(), entity.key(), columns, List.of()));
    }

    /** Every synced table says whether its row still exists in Dgraph; nothing is hard-deleted. */
    private TableDef withFlags(TableDef table) {
        List<Column> columns = new ArrayList<>(table.columns());
        columns.add(new Column("is_deleted", "BOOLEAN"));
        columns.add(timestamp("deleted_at"));
        return new TableDef(table.name(), table.key(), List.copyOf(columns), table.insertOnly());
    }

    private Column id(String name) {
        return new Column(name, warehouse.dialect().idType());
    }

    private Column timestamp(String name) {
        return new Column(name, warehouse.dialect().timestampType());
    }
}
