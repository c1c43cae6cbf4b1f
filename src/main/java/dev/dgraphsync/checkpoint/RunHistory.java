package dev.dgraphsync.checkpoint;

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

    public void ended(SyncRun run, Status status, String error) {
        write(run, status, OffsetDateTime.now(ZoneOffset.UTC), error);
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
