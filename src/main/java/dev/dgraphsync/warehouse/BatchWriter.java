package dev.dgraphsync.warehouse;

import dev.dgraphsync.checkpoint.CheckpointStore;
import dev.dgraphsync.checkpoint.PageCursor;
import dev.dgraphsync.checkpoint.SyncRun;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.mapping.Row;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Writes one {@link RowBatch} in a single transaction: upserts the node rows, brings the edges those nodes own to
 * what they own now, and saves the checkpoint that covers exactly these rows. Every statement is a JDBC batch: one
 * round trip per table, never one per row.
 *
 * <p>Edges are written only where they changed: the nodes' active edges are read in one query, the ones a node no
 * longer has are retired ({@code is_deleted}), the ones it did not have are upserted (an edge retired earlier comes
 * back), and an edge it still has is left as it is. A node new to the warehouse retires nothing.
 *
 * <p>The write runs in the run's {@link dev.dgraphsync.checkpoint.BatchLane}, behind the reading: this step returns
 * at once, batches of a run commit in order, and a failure ({@link WarehouseWriteException}) is rethrown on the
 * reading thread by the route's next {@code awaitBatchWrites} or by {@code closeRun}.
 */
public class BatchWriter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private WarehouseTables tables;
    private CheckpointStore checkpoints;

    @Override
    public void process(Exchange exchange) {
        RowBatch batch = exchange.getMessage().getBody(RowBatch.class);
        SyncRun run = batch.run();
        run.lane().submit(() -> commit(run, batch));
    }

    /** One transaction: the batch's rows and its checkpoint, or nothing. */
    void commit(SyncRun run, RowBatch batch) {
        PageCursor cursor = batch.endOfPass()
                ? run.committed().passEnded()
                : run.committed().advancedTo(batch.lastUid());
        EdgeChanges edges;
        long started = System.nanoTime();
        try (Connection c = tables.connect()) {
            c.setAutoCommit(false);
            try {
                edges = write(c, run.entity(), batch, OffsetDateTime.now(ZoneOffset.UTC));
                checkpoints.save(c, run.name(), cursor);
                c.commit();
            } catch (SQLException | RuntimeException | AssertionError e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException | RuntimeException | AssertionError e) {
            // (PostgreSQL's driver throws AssertionError from executeBatch when the server goes away mid-batch.)
            throw new WarehouseWriteException(run.name(), batch, e);
        }
        run.committed(cursor, batch.nodes().size(), batch.edges().size());
        if (!batch.nodes().isEmpty()) {
            LOG.info("{}: committed {} rows, {} edges ({} new, {} retired) in {} ms (run total {} rows, {} edges);"
                    + " checkpoint {}", run.name(), batch.nodes().size(), batch.edges().size(), edges.added(),
                    edges.retired(), (System.nanoTime() - started) / 1_000_000, run.rows(), run.edges(), cursor);
        }
    }

    /** Rolls back what can be; on a connection already lost, the failure that lost it is the one to report. */
    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException lost) {
            failure.addSuppressed(lost);
        }
    }

    /** What a batch changed in {@code relationship}. */
    record EdgeChanges(int added, int retired) {
        static final EdgeChanges NONE = new EdgeChanges(0, 0);
    }

    private EdgeChanges write(Connection c, EntitySpec entity, RowBatch batch, OffsetDateTime now) throws SQLException {
        if (batch.nodes().isEmpty()) {
            return EdgeChanges.NONE;
        }
        TableDef nodes = tables.entity(entity);
        Set<String> known = known(c, "SELECT " + nodes.key() + ", FALSE FROM " + nodes.name() + " WHERE " + nodes.key()
                + " = ANY(?)", batch.nodes(), new HashSet<>());
        write(c, nodes, batch.nodes(), known, now);
        List<String> relationships = entity.relationshipTypes();
        if (relationships.isEmpty()) {
            return EdgeChanges.NONE;
        }
        // Every edge these nodes own in the warehouse, retired ones included; the active ones collected apart.
        Set<String> active = new HashSet<>();
        Set<String> edges = known(c, "SELECT edge_id, is_deleted FROM relationship WHERE source_id = ANY(?)"
                + " AND relationship_type IN (" + String.join(", ", relationships.stream().map(r -> "'" + r + "'").toList())
                + ")", batch.nodes(), active);
        Map<String, Row> current = new LinkedHashMap<>();
        for (Row edge : batch.edges()) {
            current.put((String) edge.values().get("edge_id"), edge);
        }
        List<Row> added = current.entrySet().stream().filter(e -> !active.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        List<String> retired = active.stream().filter(id -> !current.containsKey(id)).toList();
        retire(c, retired, now);
        write(c, tables.relationship(), added, edges, now);
        return new EdgeChanges(added.size(), retired.size());
    }

    /**
     * The keys of these nodes' rows (or of their edges) that the warehouse has, whatever their {@code is_deleted};
     * those not deleted are also put in {@code active}. The query selects the key, then {@code is_deleted}.
     */
    private static Set<String> known(Connection c, String sql, List<Row> nodes, Set<String> active) throws SQLException {
        Set<String> known = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("VARCHAR", nodes.stream().map(Row::uid).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    known.add(r.getString(1));
                    if (!r.getBoolean(2)) {
                        active.add(r.getString(1));
                    }
                }
            }
        }
        return known;
    }

    /** Rows the table does not have yet are inserted (cheaper than a merge); the others are upserted. */
    private void write(Connection c, TableDef table, List<Row> rows, Set<String> known, OffsetDateTime now)
            throws SQLException {
        List<Row> fresh = new ArrayList<>();
        List<Row> again = new ArrayList<>();
        for (Row row : rows) {
            (known.contains((String) row.values().get(table.key())) ? again : fresh).add(row);
        }
        bind(c, tables.insert(table), table, fresh, now);
        bind(c, tables.upsert(table), table, again, now);
    }

    /** Runs the statement once per row, as one JDBC batch, with the row's values in the table's column order. */
    private void bind(Connection c, String sql, TableDef table, List<Row> rows, OffsetDateTime now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = table.columnNames();
        WarehouseDialect dialect = tables.warehouse().dialect();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Row row : rows) {
                Map<String, Object> values = row.values();
                for (int i = 0; i < columns.size(); i++) {
                    s.setObject(i + 1, dialect.bindable(switch (columns.get(i)) {
                        case "synced_at", "created_at" -> values.getOrDefault(columns.get(i), now);
                        case "is_deleted" -> Boolean.FALSE;
                        default -> values.get(columns.get(i));
                    }));
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void retire(Connection c, List<String> edgeIds, OffsetDateTime now) throws SQLException {
        if (edgeIds.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE relationship SET is_deleted = TRUE, deleted_at = ? WHERE edge_id = ?")) {
            for (String id : edgeIds) {
                s.setObject(1, now);
                s.setString(2, id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void setTables(WarehouseTables tables) { this.tables = tables; }
    public void setCheckpoints(CheckpointStore checkpoints) { this.checkpoints = checkpoints; }
}
