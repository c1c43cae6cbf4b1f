package dev.dgraphsync.run;

import dev.dgraphsync.warehouse.RunTable;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code sync_run} table: a row per run of a job, written RUNNING when it starts and SUCCEEDED or FAILED when it
 * ends. A run killed in between stays RUNNING: it is never recorded as a success.
 */
public class RunHistory {

    public enum Status { RUNNING, SUCCEEDED, FAILED }

    private RunTable table;
    private List<RunListener> listeners = List.of();

    public void started(JobRun run) {
        write(run, Status.RUNNING, null, null);
    }

    /** Tells the listeners (the metrics), then records how it ended, so that whoever sees the row finds it counted. */
    public void ended(JobRun run, Status status, String error) {
        OffsetDateTime endedAt = OffsetDateTime.now(ZoneOffset.UTC);
        listeners.forEach(listener -> listener.ended(run, status, endedAt));
        write(run, status, endedAt, error);
    }

    private void write(JobRun run, Status status, OffsetDateTime endedAt, String error) {
        table.write(new RunTable.RunRow(run.id(), run.name(), run.startedAt().atOffset(ZoneOffset.UTC), endedAt,
                status.name(), run.rows(), run.edges(), run.skipped(), run.checkpointBefore(), run.checkpointAfter(),
                error));
    }

    public void setTable(RunTable table) { this.table = table; }
    public void setListener(RunListener listener) { this.listeners = List.of(listener); }
}
