package dev.dgraphsync.run;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.warehouse.RepairTable;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Opens the run of the entity named by the exchange property {@value JobRun#JOB}: reads its checkpoint and the nodes
 * {@code verify --repair} asked to be read again, begins or resumes its pass (a new one from the beginning when the
 * entity's columns or edges changed since its rows were written), records the run as RUNNING and puts the
 * {@link SyncRun} on the exchange.
 *
 * <p>A firing whose job data says {@value #REQUESTED_ONLY} (change data capture's, for a window of changed nodes) opens
 * a run of the requested nodes only, when the entity stands between two passes: it reads those nodes by uid and
 * leaves the checkpoint where it is. Otherwise (a first pass, a pass a killed run left, other columns) it is a pass,
 * which reads the requested nodes too.
 */
public class RunOpener extends JobRunOpener {

    /** Quartz job data of a firing for requested nodes only ({@code "true"}). */
    public static final String REQUESTED_ONLY = "dgraphSyncRequestedOnly";

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private EntityCatalog catalog;
    private CheckpointStore checkpoints;
    private WriterThreads writers;
    private RepairTable repairs;
    private SyncSettings settings;

    @Override
    protected JobRun newRun(String job, Exchange exchange) {
        EntitySpec entity = catalog.get(job);
        // The claim first: no run that opened before this one can commit a batch from now on, so the checkpoint read
        // next is the last any of them will ever write.
        long epoch = checkpoints.claim(job);
        history.superseded(job, epoch);
        PageCursor stored = checkpoints.resume(entity);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean requestedOnly = firedFor(exchange) && stored.from() != null && !stored.inPass();
        PageCursor cursor = requestedOnly ? new PageCursor(now, now, null)
                : stored.beginPass(now, Duration.ofSeconds(settings.number(Setting.LOOKBACK_SECONDS)));
        SyncRun run = new SyncRun(entity, cursor, epoch,
                entity.pageSize() != null ? entity.pageSize() : settings.number(Setting.PAGE_SIZE),
                entity.batchSize() != null ? entity.batchSize() : settings.number(Setting.CHECKPOINT_INTERVAL),
                settings.number(Setting.BATCHES_IN_FLIGHT), writers.executor());
        run.repairs(repairs.pending(job));
        if (requestedOnly) {
            run.requestedOnly(stored);
            LOG.info("{}: run started (epoch {}), {} requested node(s) only; checkpoint stays {}", job, epoch,
                    run.repairs().size(), stored);
        } else {
            LOG.info("{}: run started (epoch {}), {}", job, epoch, cursor);
        }
        return run;
    }

    private static boolean firedFor(Exchange exchange) {
        Map<?, ?> data = exchange.getMessage().getHeader("mergedJobDataMap", Map.class);
        return data != null && "true".equals(data.get(REQUESTED_ONLY));
    }

    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setCheckpoints(CheckpointStore checkpoints) { this.checkpoints = checkpoints; }
    public void setWriters(WriterThreads writers) { this.writers = writers; }
    public void setRepairs(RepairTable repairs) { this.repairs = repairs; }
    public void setSettings(SyncSettings settings) { this.settings = settings; }
}
