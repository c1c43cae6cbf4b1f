package dev.dgraphsync.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code sync_run} table: a row per run of a job, written when it starts and again when it ends.
 */
public class RunTable {

    /** A row of {@code sync_run}. */
    public record RunRow(String id, String entity, OffsetDateTime startedAt, OffsetDateTime endedAt, String status,
                         long rowsWritten, long edgesWritten, long rowsSkipped, String checkpointBefore,
                         String checkpointAfter, String error) {
    }

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    /**
     * Writes the row. A run often ends because the warehouse went away, which also breaks the pooled connection this
     * write gets: then it is written once more, on a new connection, so that a warehouse that is back shows the run
     * with its reason rather than RUNNING forever.
     */
    public void write(RunRow row) {
        try {
            upsert(row);
        } catch (WarehouseUnavailableException e) {
            if (!Warehouse.isConnectionLost(e.getCause())) {
                throw e;
            }
            tables.warehouse().renewConnections();
            upsert(row);
        }
    }

    /** When each job's latest successful run ended, from the runs recorded so far. */
    public Map<String, OffsetDateTime> lastSucceeded() {
        Map<String, OffsetDateTime> ended = new HashMap<>();
        try (Connection c = tables.connect(); PreparedStatement s = c.prepareStatement("SELECT entity, MAX(ended_at) FROM "
                + tables.run().name() + " WHERE status = 'SUCCEEDED' GROUP BY entity"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                ended.put(r.getString(1), r.getObject(2, OffsetDateTime.class));
            }
        } catch (SQLException e) {
            throw new WarehouseUnavailableException(e);
        }
        return ended;
    }

    private void upsert(RunRow row) {
        TableDef table = tables.run();
        try (Connection c = tables.connect(); PreparedStatement s = c.prepareStatement(tables.upsert(table))) {
            tables.bind(s, table, column -> switch (column) {
                case "run_id" -> row.id();
                case "entity" -> row.entity();
                case "started_at" -> row.startedAt();
                case "ended_at" -> row.endedAt();
                case "status" -> row.status();
                case "rows_written" -> row.rowsWritten();
                case "edges_written" -> row.edgesWritten();
                case "rows_skipped" -> row.rowsSkipped();
                case "checkpoint_before" -> row.checkpointBefore();
                case "checkpoint_after" -> row.checkpointAfter();
                case "error_message" -> row.error();
                default -> throw new IllegalArgumentException(column);
            });
            s.executeUpdate();
        } catch (SQLException e) {
            throw new WarehouseUnavailableException(e);
        }
    }
}
