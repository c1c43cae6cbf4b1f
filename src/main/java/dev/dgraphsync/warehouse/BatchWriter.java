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
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@link RowBatch} in a single transaction: upserts the node rows, retires the edges those nodes owned
 * ({@code is_deleted}), upserts the edges they own now, and saves the checkpoint that covers exactly these rows.
 * Every statement is a JDBC batch: one round trip per table, never one per row.
 *
 * <p>Runs on the aggregator's side of the flow: a failure is handed to the {@link SyncRun} (the page loop stops and
 * the run ends FAILED) instead of being thrown where nobody waits for it. A batch of a run that has already failed
 * is dropped, so a checkpoint can never move past rows that were not written.
 */
public class BatchWriter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private WarehouseTables tables;
    private CheckpointStore checkpoints;

    @Override
    public void process(Exchange exchange) {
        RowBatch batch = exchange.getMessage().getBody(RowBatch.class);
        SyncRun run = batch.run();
        if (run.failed()) {
            LOG.debug("{}: dropped a batch of {} rows of a failed run", run.name(), batch.nodes().size());
            return;
        }
        PageCursor cursor = batch.endOfPass()
                ? run.committed().passEnded()
                : run.committed().advancedTo(batch.lastUid());
        try (Connection c = tables.connect()) {
            c.setAutoCommit(false);
            try {
                write(c, run.entity(), batch, OffsetDateTime.now(ZoneOffset.UTC));
                checkpoints.save(c, run.name(), cursor);
                c.commit();
            } catch (SQLException | RuntimeException | AssertionError e) {
                rollback(c, e);
                throw e;
            }
            run.committed(cursor, batch.nodes().size(), batch.edges().size());
            if (!batch.nodes().isEmpty()) {
                LOG.info("{}: committed {} rows, {} edges (run total {} rows, {} edges); checkpoint {}", run.name(),
                        batch.nodes().size(), batch.edges().size(), run.rows(), run.edges(), cursor);
            }
        } catch (SQLException | RuntimeException | AssertionError e) {
            // (PostgreSQL's driver throws AssertionError from executeBatch when the server goes away mid-batch.)
            run.fail(new WarehouseWriteException(run.name(), batch, e));
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

    private void write(Connection c, EntitySpec entity, RowBatch batch, OffsetDateTime now) throws SQLException {
        if (batch.nodes().isEmpty()) {
            return;
        }
        TableDef nodes = tables.entity(entity);
        upsert(c, nodes, batch.nodes(), now);
        List<String> relationships = entity.relationshipTypes();
        if (relationships.isEmpty()) {
            return;
        }
        retireEdges(c, batch.nodes(), relationships, now);
        upsert(c, tables.relationship(), batch.edges(), now);
    }

    private void upsert(Connection c, TableDef table, List<Row> rows, OffsetDateTime now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<String> columns = table.columnNames();
        WarehouseDialect dialect = tables.warehouse().dialect();
        try (PreparedStatement s = c.prepareStatement(tables.upsert(table))) {
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

    /** The edges a node owns are replaced by those it has now: first all are retired, then the current ones upserted. */
    private static void retireEdges(Connection c, List<Row> nodes, List<String> relationships, OffsetDateTime now)
            throws SQLException {
        String types = String.join(", ", relationships.stream().map(r -> "?").toList());
        try (PreparedStatement s = c.prepareStatement("UPDATE relationship SET is_deleted = TRUE, deleted_at = ?"
                + " WHERE source_id = ? AND is_deleted = FALSE AND relationship_type IN (" + types + ")")) {
            for (Row node : nodes) {
                s.setObject(1, now);
                s.setString(2, node.uid());
                for (int i = 0; i < relationships.size(); i++) {
                    s.setString(3 + i, relationships.get(i));
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void setTables(WarehouseTables tables) { this.tables = tables; }
    public void setCheckpoints(CheckpointStore checkpoints) { this.checkpoints = checkpoints; }
}
