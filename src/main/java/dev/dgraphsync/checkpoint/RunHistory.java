package dev.dgraphsync.checkpoint;

import dev.dgraphsync.warehouse.Warehouse;
import dev.dgraphsync.warehouse.WarehouseTables;
import dev.dgraphsync.warehouse.WarehouseUnavailableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The {@code sync_run} table: a row per run of an entity, written RUNNING when it starts and SUCCEEDED or FAILED
 * when it ends. A run killed in between stays RUNNING: it is never recorded as a success.
 */
public class RunHistory {

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    public void started(SyncRun run) {
        write(run, Status.RUNNING, null, null);
    }

    /**
     * Records the end of a run. A run often fails because the warehouse went away, which also breaks the pooled
     * connection this write gets: then it is written once more, on a new connection, so that a warehouse that is
     * back shows the run FAILED with its reason rather than RUNNING forever.
     */
    public void ended(SyncRun run, Status status, String error) {
        OffsetDateTime endedAt = OffsetDateTime.now(ZoneOffset.UTC);
        try {
            write(run, status, endedAt, error);
        } catch (WarehouseUnavailableException e) {
            if (!Warehouse.isConnectionLost(e.getCause())) {
                throw e;
            }
            tables.warehouse().renewConnections();
            write(run, status, endedAt, error);
        }
    }

    private void write(SyncRun run, Status status, OffsetDateTime endedAt, String error) {
        try (Connection c = tables.connect();
             PreparedStatement s = c.prepareStatement(tables.upsert(tables.run()))) {
            s.setString(1, run.id());
            s.setString(2, run.name());
            s.setObject(3, run.startedAt().atOffset(ZoneOffset.UTC));
            s.setObject(4, endedAt);
            s.setString(5, status.name());
            s.setLong(6, run.rows());
            s.setLong(7, run.edges());
            s.setLong(8, run.skipped());
            s.setString(9, String.valueOf(run.cursorBefore()));
            s.setString(10, String.valueOf(run.committed()));
            s.setString(11, error);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new WarehouseUnavailableException(e);
        }
    }
}
