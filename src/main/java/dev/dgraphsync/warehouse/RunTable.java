package dev.dgraphsync.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sync_run} table: a row per run of a job, written when it starts and again when it ends.
 */
public class RunTable {

    /** A row of {@code sync_run}. */
    public record RunRow(String id, String entity, OffsetDateTime startedAt, OffsetDateTime endedAt, String status,
                         long rowsWritten, long edgesWritten, long rowsSkipped, String checkpointBefore,
                         String checkpointAfter, String error, String instance) {

        Map<String, Object> values() {
            Map<String, Object> row = new HashMap<>();
            row.put("run_id", id);
            row.put("entity", entity);
            row.put("started_at", startedAt);
            row.put("ended_at", endedAt);
            row.put("status", status);
            row.put("rows_written", rowsWritten);
            row.put("edges_written", edgesWritten);
            row.put("rows_skipped", rowsSkipped);
            row.put("checkpoint_before", checkpointBefore);
            row.put("checkpoint_after", checkpointAfter);
            row.put("error_message", error);
            row.put("instance", instance);
            return row;
        }
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
            tables.upsert(tables.run(), List.of(row.values()));
        } catch (WarehouseUnavailableException lost) {
            tables.warehouse().renewConnections();
            tables.upsert(tables.run(), List.of(row.values()));
        }
    }

    /**
     * Ends the job's runs still RUNNING with this status and reason (one that started before the call: the caller
     * records its own run after).
     */
    public void closeRunning(String job, String status, String reason) {
        tables.inTransaction("closing runs in " + WarehouseTables.RUN, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE " + WarehouseTables.RUN + " SET status = ?,"
                    + " ended_at = ?, error_message = ? WHERE entity = ? AND status = 'RUNNING'")) {
                s.setString(1, status);
                s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                s.setString(3, reason);
                s.setString(4, job);
                return s.executeUpdate();
            }
        });
    }

    /** The instance of each job's latest run (null for a run recorded before instances were). */
    public Map<String, String> latestInstances() {
        return tables.read("reading " + WarehouseTables.RUN, c -> {
            Map<String, String> owners = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT r.entity, r.instance FROM " + WarehouseTables.RUN
                    + " r WHERE r.started_at = (SELECT MAX(started_at) FROM " + WarehouseTables.RUN
                    + " WHERE entity = r.entity)"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    owners.put(r.getString(1), r.getString(2));
                }
            }
            return owners;
        });
    }

    /** When each job's latest successful run ended, from the runs recorded so far. */
    public Map<String, OffsetDateTime> lastSucceeded() {
        return tables.read("reading " + WarehouseTables.RUN, c -> {
            Map<String, OffsetDateTime> ended = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT entity, MAX(ended_at) FROM " + WarehouseTables.RUN
                    + " WHERE status = 'SUCCEEDED' GROUP BY entity"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ended.put(r.getString(1), r.getObject(2, OffsetDateTime.class));
                }
            }
            return ended;
        });
    }
}
