package dev.dgraphsync.run;

import org.apache.camel.Exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of a job, carried in the exchange property {@value #PROPERTY}: its name, when it started, what it wrote.
 * A job that is not an entity (the schema metadata refresh, the deletes reconciliation) runs as this; an entity's run
 * is a {@link SyncRun}, which also reads pages and writes behind the reading.
 */
public class JobRun {

    public static final String PROPERTY = "dgraphSyncRun";
    /** Exchange property: the run's id, the aggregator's correlation key (read without reflection, once per row). */
    public static final String ID = "dgraphSyncRunId";
    /** Exchange property: the job a route runs (an entity's name, {@code schema_metadata}, {@code reconcile-deletes}). */
    public static final String JOB = "dgraphSyncJob";

    private final String id = UUID.randomUUID().toString();
    private final String name;
    private final Instant startedAt = Instant.now();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong edges = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    public JobRun(String name) {
        this.name = name;
    }

    public static JobRun of(Exchange exchange) {
        JobRun run = exchange.getProperty(PROPERTY, JobRun.class);
        if (run == null) {
            throw new IllegalStateException("no run on this exchange: the route must open one first");
        }
        return run;
    }

    /** Puts this run on the exchange, for the steps of its route. */
    void attachTo(Exchange exchange) {
        exchange.setProperty(PROPERTY, this);
        exchange.setProperty(ID, id);
    }

    /** Rows and edges this run committed. */
    public void wrote(long nodeRows, long edgeRows) {
        rows.addAndGet(nodeRows);
        edges.addAndGet(edgeRows);
    }

    /** A record that could not be read was left out (its reason is logged); the others go on. */
    public void recordSkipped() {
        skipped.incrementAndGet();
    }

    /** Waits for what the run still has being written; rethrows a write's failure. Nothing, for a job. */
    void awaitWrites() {
    }

    /** Waits for what the run still has being written, however it ends (a run that failed). Nothing, for a job. */
    void settleWrites() {
    }

    /** Where a failed run stood, for its error (empty for a job). */
    String position() {
        return "";
    }

    /** The checkpoint as the run began, as {@code sync_run} shows it; null for a job. */
    public String checkpointBefore() {
        return null;
    }

    /** The checkpoint of its last committed batch, as {@code sync_run} shows it; null for a job. */
    public String checkpointAfter() {
        return null;
    }

    public String id() { return id; }
    /** For Simple expressions in the routes. */
    public String getId() { return id; }
    public String name() { return name; }
    public Instant startedAt() { return startedAt; }
    public long rows() { return rows.get(); }
    public long edges() { return edges.get(); }
    public long skipped() { return skipped.get(); }
    /** Pages read from Dgraph: none, for a job. */
    public long pages() { return 0; }

    public Duration elapsed() {
        return Duration.between(startedAt, Instant.now());
    }
}
