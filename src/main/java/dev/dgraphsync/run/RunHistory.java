package dev.dgraphsync.run;

import dev.dgraphsync.warehouse.RunTable;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The {@code sync_run} table: a row per run of an entity, written RUNNING when it starts and SUCCEEDED or FAILED
 * when it ends. A run killed in between stays RUNNING: it is never recorded as a success.
 */
public class RunHistory {

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    private RunTable table;
    private RunMetrics metrics;

    public void setTable(RunTable table) {
        this.table = table;
    }

    public void setMetrics(RunMetrics metrics) {
        this.metrics = metrics;
    }

    public void started(SyncRun run) {
        write(run, Status.RUNNING, null, null);
    }

    /** Counts the run in the metrics, then records how it ended (so whoever sees the row finds it counted). */
    public void ended(SyncRun run, Status status, String error) {
        OffsetDateTime endedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (metrics != null) {
            metrics.ended(run, status, endedAt);
        }
        write(run, status, endedAt, error);
    }

    private void write(SyncRun run, Status status, OffsetDateTime endedAt, String error) {
        table.write(new RunTable.RunRow(run.id(), run.name(), run.startedAt().atOffset(ZoneOffset.UTC), endedAt,
                status.name(), run.rows(), run.edges(), run.skipped(), String.valueOf(run.cursorBefore()),
                String.valueOf(run.committed()), error));
    }
}
