package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.warehouse.RunTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.spi.OnCamelContextStarted;
import org.apache.camel.spi.OnCamelContextStopped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each job's runs as Micrometer meters, tagged {@code entity} (the job: an entity, {@code schema_metadata},
 * {@code reconcile-deletes}):
 * <ul>
 *   <li>{@code dgraph.sync.rows.written}, {@code dgraph.sync.edges.written}, {@code dgraph.sync.pages.read},
 *       {@code dgraph.sync.records.skipped}: counters, added to as each run ends;</li>
 *   <li>{@code dgraph.sync.run.duration} (tag {@code status}): a timer; {@code dgraph.sync.run.failures}: a counter;</li>
 *   <li>{@code dgraph.sync.freshness.lag.seconds}: seconds since the job's latest successful run ended (read from
 *       {@code sync_run} at start, so it survives restarts; NaN before the first);</li>
 *   <li>{@code dgraph.sync.checkpoint.from.seconds}: the cursor value the entity's next pass reads from, epoch
 *       seconds;</li>
 *   <li>{@code dgraph.sync.verify.differences} (tag {@code kind}) and {@code dgraph.sync.verify.checked}: what the
 *       latest scheduled verify found.</li>
 * </ul>
 * They go to the MeterRegistry of the Camel context ({@code camel.metrics.enabled} binds one, Prometheus when
 * camel-micrometer-prometheus is present; a host may bind its own) and, with {@code jmx} on, to JMX under the domain
 * {@code dgraph-sync}.
 */
public class RunMetrics implements OnCamelContextStarted, OnCamelContextStopped {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final Map<String, AtomicLong> lastSuccessMs = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> checkpointSeconds = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> verified = new ConcurrentHashMap<>();
    private RunTable runs;
    private EntityCatalog catalog;
    private boolean jmx = true;
    private MeterRegistry jmxRegistry;

    /** The meters, as a host or a test reads them. */
    public MeterRegistry registry() {
        return meters;
    }

    @Override
    public void onContextStarted(CamelContext context) {
        context.getRegistry().findByType(MeterRegistry.class).stream()
                .filter(r -> r != meters)
                .forEach(meters::add);
        if (jmx && jmxRegistry == null) {
            try {
                jmxRegistry = JmxMeters.create();
                meters.add(jmxRegistry);
            } catch (NoClassDefFoundError absent) {
                LOG.info("metrics: micrometer-registry-jmx is not on the class path; the meters are not in JMX");
            }
        }
        // Every job's counters from the start, at 0: a job's first failure after a start is then an increase that
        // Prometheus sees (a series that first appears at 1 is not), and a dashboard lists the jobs that have not run.
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
    public void onContextStopped(CamelContext context) {
        if (jmxRegistry != null) {
            meters.remove(jmxRegistry);
            jmxRegistry.close();
            jmxRegistry = null;
        }
    }

    /** A run has ended, as {@code sync_run} now records it. */
    public void ended(SyncRun run, RunHistory.Status status, OffsetDateTime endedAt) {
        String job = run.name();
        Counters counters = counters(job);
        counters.rows().increment(run.rows());
        counters.edges().increment(run.edges());
        counters.pages().increment(run.pages());
        counters.skipped().increment(run.skipped());
        Timer.builder("dgraph.sync.run.duration").description("how long runs took, by how they ended")
                .tag("entity", job).tag("status", status.name().toLowerCase(Locale.ROOT))
                .register(meters).record(run.elapsed());
        if (status == RunHistory.Status.FAILED) {
            counters.failures().increment();
        } else {
            lastSuccess(job).set(endedAt.toInstant().toEpochMilli());
        }
        if (run.entity() != null && run.committed() != null && run.committed().from() != null) {
            checkpoint(job).set(run.committed().from().toEpochSecond());
        }
    }

    /** What a scheduled verify found for an entity: {@code kind} is {@code checked} or a {@link Drift}. */
    public void verified(String entity, String kind, long value) {
        verified.computeIfAbsent(entity + "/" + kind, key -> {
            AtomicLong holder = new AtomicLong();
            boolean checked = kind.equals("checked");
            Gauge.builder(checked ? "dgraph.sync.verify.checked" : "dgraph.sync.verify.differences", holder,
                            AtomicLong::doubleValue)
                    .description(checked ? "nodes the latest scheduled verify compared"
                            : "differences the latest scheduled verify found")
                    .tag("entity", entity).tags(checked ? new String[0] : new String[] {"kind", kind})
                    .register(meters);
            return holder;
        }).set(value);
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
        return Counter.builder(name).description(description).tag("entity", job).register(meters);
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

    private AtomicLong lastSuccess(String job) {
        return lastSuccessMs.computeIfAbsent(job, j -> {
            AtomicLong holder = new AtomicLong(-1);
            Gauge.builder("dgraph.sync.freshness.lag.seconds", holder,
                            h -> h.get() < 0 ? Double.NaN : (Instant.now().toEpochMilli() - h.get()) / 1000.0)
                    .description("seconds since the latest successful run ended").tag("entity", j).register(meters);
            return holder;
        });
    }

    private AtomicLong checkpoint(String job) {
        return checkpointSeconds.computeIfAbsent(job, j -> {
            AtomicLong holder = new AtomicLong();
            Gauge.builder("dgraph.sync.checkpoint.from.seconds", holder, AtomicLong::doubleValue)
                    .description("the cursor value the next pass reads from, epoch seconds").tag("entity", j)
                    .register(meters);
            return holder;
        });
    }

    /** When each job last succeeded, epoch ms, or absent: the freshness health check reads it. */
    public Map<String, Long> lastSuccesses() {
        Map<String, Long> copy = new java.util.HashMap<>();
        lastSuccessMs.forEach((job, ms) -> {
            if (ms.get() >= 0) {
                copy.put(job, ms.get());
            }
        });
        return copy;
    }

    /** Apart, so that a runtime without micrometer-registry-jmx still loads {@link RunMetrics}. */
    private static final class JmxMeters {
        static MeterRegistry create() {
            return new io.micrometer.jmx.JmxMeterRegistry(new io.micrometer.jmx.JmxConfig() {
                @Override
                public String get(String key) {
                    return null;
                }

                @Override
                public String domain() {
                    return "dgraph-sync";
                }
            }, io.micrometer.core.instrument.Clock.SYSTEM);
        }
    }

    /** Not an entity whose file says {@code enabled: false} (its timer fires, but it has no run). */
    private boolean synced(String job) {
        return catalog == null || !catalog.contains(job) || catalog.get(job).enabled();
    }

    public void setRuns(RunTable runs) { this.runs = runs; }
    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setJmx(boolean jmx) { this.jmx = jmx; }
}
