package dev.dgraphsync.observe;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.warehouse.RunTable;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Camel health check {@code dgraph-sync/freshness}: DOWN when an entity has not synced successfully for longer than
 * {@code dgraph.sync.health.max-staleness-minutes} (counted from this start when it never has), so that an alarm
 * fires on a sync that keeps failing although Dgraph and the warehouse answer. 0 turns it off.
 */
public class FreshnessHealthCheck extends AbstractHealthCheck {

    private final Instant started = Instant.now();
    private RunMetrics metrics;
    private RunTable runs;
    private dev.dgraphsync.mapping.EntityCatalog catalog;
    private SyncSettings settings = SyncSettings.defaults();

    public FreshnessHealthCheck() {
        super("dgraph-sync", "freshness");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long maxStalenessMinutes = settings.number(Setting.MAX_STALENESS_MINUTES);
        if (maxStalenessMinutes <= 0) {
            builder.up();
            return;
        }
        Duration limit = Duration.ofMinutes(maxStalenessMinutes);
        Instant now = Instant.now();
        Map<String, Long> last = lastSuccesses();
        Map<String, String> stale = new TreeMap<>();
        catalog.getEntities().forEach(entity -> {
            Long ms = last.get(entity.name());
            Instant since = ms == null ? started : Instant.ofEpochMilli(ms);
            if (Duration.between(since, now).compareTo(limit) > 0) {
                stale.put(entity.name(), ms == null ? "no successful run since start at " + started : "last success " + since);
            }
        });
        if (stale.isEmpty()) {
            builder.up();
        } else {
            stale.forEach(builder::detail);
            builder.message("not synced successfully for more than " + maxStalenessMinutes + " minutes: "
                    + String.join(", ", stale.keySet())).down();
        }
    }

    /**
     * When each entity last succeeded on any instance (sync_run: a standby of a cluster runs nothing itself, and is
     * not stale for it), else as this instance counted it.
     */
    private Map<String, Long> lastSuccesses() {
        if (runs != null) {
            try {
                Map<String, Long> last = new HashMap<>();
                runs.lastSucceeded().forEach((job, ended) -> {
                    if (ended != null) {
                        last.put(job, ended.toInstant().toEpochMilli());
                    }
                });
                return last;
            } catch (RuntimeException warehouseAway) {
                // the warehouse check says so
            }
        }
        return metrics.lastSuccesses();
    }

    public void setMetrics(RunMetrics metrics) { this.metrics = metrics; }
    public void setRuns(RunTable runs) { this.runs = runs; }
    public void setCatalog(dev.dgraphsync.mapping.EntityCatalog catalog) { this.catalog = catalog; }
    /** {@code dgraph.sync.health.max-staleness-minutes}. */
    public void setSettings(SyncSettings settings) { this.settings = settings; }
}
