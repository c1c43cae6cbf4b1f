package dev.dgraphsync.run;

import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.warehouse.RunTable;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code sync_run} table: a row per run of a job, written RUNNING when it starts and SUCCEEDED or FAILED when it
 * ends. A run killed in between stays RUNNING: it is never recorded as a success.
 */
public class RunHistory {

    /**
     * How a run stands: FENCED, a newer run claimed its entity while it ran (nothing of it lands after that);
     * STOPPED, Camel stopped while it ran (what it committed stays, the next start goes on from there).
     */
    public enum Status { RUNNING, SUCCEEDED, FAILED, FENCED, STOPPED }

    private RunTable table;
    private SyncSettings settings = SyncSettings.defaults();
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

    /**
     * A run has claimed the entity at {@code epoch}: the runs of it still RUNNING in {@code sync_run} (an instance
     * that died or stopped answering left them so) can commit nothing more; they are closed as FAILED, saying so.
     */
    public void superseded(String entity, long epoch) {
        table.closeRunning(entity, Status.FAILED.name(), "superseded: run " + epoch + " of " + entity + " claimed it on "
                + settings.instanceId() + " (this run's instance stopped, or lost its claim)");
    }

    private void write(JobRun run, Status status, OffsetDateTime endedAt, String error) {
        table.write(new RunTable.RunRow(run.id(), run.name(), run.startedAt().atOffset(ZoneOffset.UTC), endedAt,
                status.name(), run.rows(), run.edges(), run.skipped(), run.checkpointBefore(), run.checkpointAfter(),
                error, settings.instanceId()));
    }

    public void setTable(RunTable table) { this.table = table; }
    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setListener(RunListener listener) { this.listeners = List.of(listener); }
}
