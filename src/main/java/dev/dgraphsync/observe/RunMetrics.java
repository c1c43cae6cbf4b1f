package dev.dgraphsync.observe;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.run.JobRun;
import dev.dgraphsync.run.RunHistory;
import dev.dgraphsync.run.RunListener;
import dev.dgraphsync.run.SyncRun;
import dev.dgraphsync.warehouse.RunTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.spi.OnCamelContextStarted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each job's runs as meters ({@link Meters}), tagged {@code entity} (the job: an entity, {@code schema_metadata},
 * {@code reconcile-deletes}), counted as each run ends ({@link RunListener}):
 * <ul>
 *   <li>{@code dgraph.sync.rows.written}, {@code dgraph.sync.edges.written}, {@code dgraph.sync.pages.read},
 *       {@code dgraph.sync.records.skipped}, {@code dgraph.sync.run.failures}: counters, at 0 from the start for every
 *       job on a timer of ours (a job's first failure after a start is then an increase Prometheus sees);</li>
 *   <li>{@code dgraph.sync.run.duration} (tag {@code status}): a timer;</li>
 *   <li>{@code dgraph.sync.freshness.lag.seconds}: seconds since the job's latest successful run ended (read from
 *       {@code sync_run} at start, so it survives restarts; NaN before the first), which the freshness health check
 *       reads too ({@link #lastSuccesses});</li>
 *   <li>{@code dgraph.sync.checkpoint.from.seconds}: the cursor value the entity's next pass reads from.</li>
 * </ul>
 */
public class RunMetrics implements RunListener, OnCamelContextStarted {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private final Map<String, AtomicLong> lastSuccessMs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> checkpointSeconds = new ConcurrentHashMap<>();
    private Meters meters = new Meters();
    private RunTable runs;
    private EntityCatalog catalog;

    @Override
    public void onContextStarted(CamelContext context) {
        scheduledJobs(context).stream().filter(this::synced).forEach(job -> {
            counters(job);
            lastSuccess(job);
        });
        if (runs != null) {
            try {
                runs.lastSucceeded().forEach((job, ended) -> {
                    if (ended != null) {
                        lastSuccess(job).set(ended.toInstant().toEpochMilli());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("metrics: could not read the latest successful runs from sync_run: {}", e.getMessage());
            }
        }
    }

    @Override
    public void ended(JobRun run, RunHistory.Status status, OffsetDateTime endedAt) {
        String job = run.name();
        Counters counters = counters(job);
        counters.rows().increment(run.rows());
        counters.edges().increment(run.edges());
        counters.pages().increment(run.pages());
        counters.skipped().increment(run.skipped());
        Timer.builder("dgraph.sync.run.duration").description("how long runs took, by how they ended")
                .tag("entity", job).tag("status", status.name().toLowerCase(Locale.ROOT))
                .register(registry()).record(run.elapsed());
        if (status == RunHistory.Status.FAILED) {
            counters.failures().increment();
        } else if (status == RunHistory.Status.SUCCEEDED) {
            lastSuccess(job).set(endedAt.toInstant().toEpochMilli());
        }
        if (run instanceof SyncRun pass && pass.committed().from() != null) {
            checkpoint(job).set(pass.committed().from().toEpochSecond());
        }
    }

    /** When each job last succeeded, epoch ms, or absent: the freshness health check reads it. */
    public Map<String, Long> lastSuccesses() {
        Map<String, Long> copy = new HashMap<>();
        lastSuccessMs.forEach((job, ms) -> {
            if (ms.get() >= 0) {
                copy.put(job, ms.get());
            }
        });
        return copy;
    }

    /** A job's counters (registered the first time they are asked for). */
    private record Counters(Counter rows, Counter edges, Counter pages, Counter skipped, Counter failures) {
    }

    private Counters counters(String job) {
        return new Counters(counter("dgraph.sync.rows.written", job, "rows upserted into the job's table"),
                counter("dgraph.sync.edges.written", job, "edge rows written to relationship"),
                counter("dgraph.sync.pages.read", job, "pages read from Dgraph"),
                counter("dgraph.sync.records.skipped", job, "records skipped, each with its reason logged"),
                counter("dgraph.sync.run.failures", job, "runs that ended FAILED"));
    }

    private Counter counter(String name, String job, String description) {
        return Counter.builder(name).description(description).tag("entity", job).register(registry());
    }

    private AtomicLong lastSuccess(String job) {
        return lastSuccessMs.computeIfAbsent(job, j -> {
            AtomicLong holder = new AtomicLong(-1);
            Gauge.builder("dgraph.sync.freshness.lag.seconds", holder,
                            h -> h.get() < 0 ? Double.NaN : (Instant.now().toEpochMilli() - h.get()) / 1000.0)
                    .description("seconds since the latest successful run ended").tag("entity", j).register(registry());
            return holder;
        });
    }

    private AtomicLong checkpoint(String job) {
        return checkpointSeconds.computeIfAbsent(job, j -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("dgraph.sync.checkpoint.from.seconds", holder, AtomicLong::doubleValue)
                    .description("the cursor value the next pass reads from, epoch seconds").tag("entity", j)
                    .register(registry());
            return holder;
        });
    }

    /**
     * The jobs that run on a timer of ours: each route from {@code quartz:dgraph-sync/JOB} (an entity,
     * {@code schema_metadata}, {@code reconcile-deletes}).
     */
    static Set<String> scheduledJobs(CamelContext context) {
        Set<String> jobs = new TreeSet<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof QuartzEndpoint timer && "dgraph-sync".equals(timer.getGroupName())) {
                jobs.add(timer.getTriggerName());
            }
        }
        return jobs;
    }

    /** Not an entity whose file says {@code enabled: false} (its timer fires, but it has no run). */
    private boolean synced(String job) {
        return catalog == null || !catalog.contains(job) || catalog.get(job).enabled();
    }

    private MeterRegistry registry() {
        return meters.registry();
    }

    public void setMeters(Meters meters) { this.meters = meters; }
    public void setRuns(RunTable runs) { this.runs = runs; }
    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
}
