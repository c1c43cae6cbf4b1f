package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.warehouse.RepairTable;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Opens the run of the job named by the exchange property {@value #JOB}: reads the entity's checkpoint and the nodes
 * {@code verify --repair} asked to be read again, begins or resumes its pass, records the run as RUNNING and puts the
 * {@link SyncRun} on the exchange. A job that is not a catalog entity (schema metadata) gets a run without cursor.
 */
public class RunOpener implements Processor {

    public static final String JOB = "dgraphSyncJob";
    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private EntityCatalog catalog;
    private CheckpointStore checkpoints;
    private RunHistory history;
    private RunLedger ledger;
    private WriterThreads writers;
    private RepairTable repairs;
    private int pageSize = 10_000;
    private int checkpointInterval = 1000;
    private int batchesInFlight = 10;
    private Duration lookback = Duration.ofMinutes(5);

    @Override
    public void process(Exchange exchange) throws SQLException {
        String job = exchange.getProperty(JOB, String.class);
        if (!ledger.admit(job)) {
            exchange.setRouteStop(true);
            return;
        }
        SyncRun run;
        if (catalog.contains(job)) {
            EntitySpec entity = catalog.get(job);
            PageCursor saved = checkpoints.load(entity.name());
            if (entity.cursor() == null && !saved.inPass()) {
                saved = PageCursor.initial(); // nothing tells changed nodes apart: every pass reads them all
            }
            PageCursor cursor = saved.beginPass(OffsetDateTime.now(ZoneOffset.UTC), lookback);
            run = new SyncRun(job, entity, cursor, entity.pageSize() != null ? entity.pageSize() : pageSize,
                    entity.batchSize() != null ? entity.batchSize() : checkpointInterval, batchesInFlight, writers.executor());
            if (repairs != null) {
                run.repairs(repairs.pending(job));
            }
            LOG.info("{}: run started, {}", job, cursor);
        } else {
            run = new SyncRun(job, null, null, pageSize, checkpointInterval);
        }
        exchange.setProperty(SyncRun.PROPERTY, run);
        exchange.setProperty(SyncRun.ID, run.id());
        ledger.opened(job, run);
        history.started(run);
    }

    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setCheckpoints(CheckpointStore checkpoints) { this.checkpoints = checkpoints; }
    public void setHistory(RunHistory history) { this.history = history; }
    public void setLedger(RunLedger ledger) { this.ledger = ledger; }
    public void setWriters(WriterThreads writers) { this.writers = writers; }
    public void setRepairs(RepairTable repairs) { this.repairs = repairs; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public void setCheckpointInterval(int checkpointInterval) { this.checkpointInterval = checkpointInterval; }
    public void setBatchesInFlight(int batchesInFlight) { this.batchesInFlight = batchesInFlight; }
    public void setLookbackSeconds(long seconds) { this.lookback = Duration.ofSeconds(seconds); }
}
