package dev.dgraphsync.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.observe.VerifyMetrics;
import dev.dgraphsync.run.CheckpointStore;
import dev.dgraphsync.source.Dgraph;
import dev.dgraphsync.warehouse.ActiveRows;
import dev.dgraphsync.warehouse.RepairTable;
import dev.dgraphsync.warehouse.VerifyTable;
import dev.dgraphsync.warehouse.WarehouseTables;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Proves the warehouse equals Dgraph, entity by entity ({@link EntityVerification}, a few at a time), changing
 * nothing that was synced. Dgraph is read through the sync's own {@code dgraph-request} route, so a transient fault is
 * retried as a sync retries it, and what is left is thrown as a sync would see it (a {@code DgraphUnavailableException}
 * after the retries, a {@code DgraphRefusedException}); a warehouse that cannot be read is a {@code WarehouseException}.
 * With repair, the nodes found differing are written to {@code sync_repair}, for the next run of their entity to read
 * again (or, when they are gone, to flag deleted). As a route step (on its own schedule), it records each entity's
 * result in {@code sync_verify}.
 */
public class Verifier implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EntityCatalog catalog;
    private Dgraph dgraph;
    private WarehouseTables tables;
    private ActiveRows activeRows;
    private CheckpointStore checkpoints;
    private RepairTable repairs;
    private VerifyTable verifyTable;
    private SyncSettings settings = SyncSettings.defaults();
    private VerifyMetrics metrics;

    /** Every entity named (all when none), in the catalog's order. An unknown name is an {@code EntitySpecException}. */
    public VerifyReport verify(List<String> names, boolean repair) {
        List<EntitySpec> entities = names.isEmpty() ? List.copyOf(catalog.all())
                : names.stream().map(catalog::get).toList();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(3, entities.size())), task -> {
            Thread t = new Thread(task, "dgraph-sync-verify");
            t.setDaemon(true);
            return t;
        });
        // The first entity that fails ends the others' comparisons too (at their next node; never by an interrupt).
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<CompletableFuture<VerifyResult>> running = new ArrayList<>();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            // The longest source uid of relationship (a scan of it), asked once for every entity.
            int longestSource = entities.stream().anyMatch(e -> !e.edges().isEmpty()) ? activeRows.longestSource() : 0;
            for (EntitySpec entity : entities) {
                running.add(CompletableFuture.supplyAsync(() -> verify(entity, repair, now, longestSource, failed), pool)
                        .whenComplete((result, failure) -> failed.compareAndSet(false, failure != null)));
            }
            List<VerifyResult> results = new ArrayList<>();
            for (CompletableFuture<VerifyResult> result : running) {
                results.add(result.join());
            }
            return new VerifyReport(results);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            // Each entity's readers stop on their own (never interrupted: see ReadAhead).
            pool.shutdown();
        }
    }

    private VerifyResult verify(EntitySpec entity, boolean repair, OffsetDateTime now, int longestSource,
                                AtomicBoolean stop) {
        return new EntityVerification(entity, dgraph, activeRows, tables.warehouse().dialect(),
                settings.number(Setting.PAGE_SIZE), checkpoints.load(entity.name()), uids -> {
                    if (repair) {
                        repairs.request(entity.name(), uids, now);
                    }
                }, longestSource, stop::get).run();
    }

    /** The scheduled verification: every entity, each result in {@code sync_verify}; a difference is logged. */
    @Override
    public void process(Exchange exchange) throws Exception {
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
        VerifyReport report = verify(List.of(), false);
        OffsetDateTime ended = OffsetDateTime.now(ZoneOffset.UTC);
        String id = UUID.randomUUID().toString();
        for (VerifyResult r : report.results()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("verify_id", id + "/" + r.entity());
            row.put("entity", r.entity());
            row.put("started_at", started);
            row.put("ended_at", ended);
            row.put("checked", r.checked());
            Map<String, List<String>> examples = new LinkedHashMap<>();
            for (Drift d : Drift.values()) {
                row.put(d.name().toLowerCase(Locale.ROOT), r.count(d));
                if (r.count(d) > 0) {
                    examples.put(d.name().toLowerCase(Locale.ROOT), r.examples(d));
                }
            }
            row.put("examples", JSON.writeValueAsString(examples));
            if (metrics != null) {
                metrics.verified(r.entity(), "checked", r.checked());
                for (Drift d : Drift.values()) {
                    metrics.verified(r.entity(), d.name().toLowerCase(Locale.ROOT), r.count(d));
                }
            }
            verifyTable.write(row);
            if (r.differences() > 0) {
                LOG.warn("verify: {} differs from Dgraph: {}", r.entity(), examples);
            }
        }
        LOG.info("verify: {} in {} s", report.equal() ? "the warehouse equals Dgraph" : "the warehouse differs from Dgraph",
                java.time.Duration.between(started, ended).toMillis() / 1000.0);
        exchange.getMessage().setBody(report);
    }

    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setDgraph(Dgraph dgraph) { this.dgraph = dgraph; }
    public void setTables(WarehouseTables tables) { this.tables = tables; }
    public void setActiveRows(ActiveRows activeRows) { this.activeRows = activeRows; }
    public void setCheckpoints(CheckpointStore checkpoints) { this.checkpoints = checkpoints; }
    public void setRepairs(RepairTable repairs) { this.repairs = repairs; }
    public void setVerifyTable(VerifyTable verifyTable) { this.verifyTable = verifyTable; }
    /** {@code dgraph.sync.page-size}: nodes per page on both sides. */
    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setMetrics(VerifyMetrics metrics) { this.metrics = metrics; }
}
