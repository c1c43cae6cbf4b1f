package dev.dgraphsync.observe;

import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.warehouse.RunTable;
import io.micrometer.core.instrument.Gauge;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.OnCamelContextStarted;

import java.util.Map;
import java.util.Objects;

/**
 * Which instance owns each entity: the one that ran its latest run (with {@code dgraph.cluster.enabled}, whichever
 * instance the shared scheduler gave it to). Camel health check {@code dgraph-sync/owner}, always UP (a standby is
 * healthy), with a detail per entity, {@code leader} or {@code standby (owner: …)}; and the gauge
 * {@code dgraph.sync.leader} (tag {@code entity}): 1 on the instance that owns it, else 0.
 */
public class Ownership extends AbstractHealthCheck implements OnCamelContextStarted {

    private static final long FRESH_MS = 1000;

    private RunTable runs;
    private EntityCatalog catalog;
    private SyncSettings settings = SyncSettings.defaults();
    private Meters meters = new Meters();
    private volatile Map<String, String> owners = Map.of();
    private volatile long readAt;

    public Ownership() {
        super("dgraph-sync", "owner");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public void onContextStarted(CamelContext context) {
        for (EntitySpec entity : catalog.all()) {
            Gauge.builder("dgraph.sync.leader", () -> isLeader(entity.name()) ? 1 : 0)
                    .description("1 on the instance that ran the entity's latest run, else 0").tag("entity", entity.name())
                    .register(meters.registry());
        }
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String me = settings.instanceId();
        builder.detail("instance", me);
        Map<String, String> now = owners();
        for (EntitySpec entity : catalog.all()) {
            String owner = now.get(entity.name());
            builder.detail(entity.name(), owner == null ? "not run yet"
                    : owner.equals(me) ? "leader" : "standby (owner: " + owner + ")");
        }
        builder.up();
    }

    boolean isLeader(String entity) {
        return Objects.equals(owners().get(entity), settings.instanceId());
    }

    /** Read from sync_run at most once a second. */
    private Map<String, String> owners() {
        if (System.currentTimeMillis() - readAt > FRESH_MS) {
            try {
                owners = runs.latestInstances();
            } catch (RuntimeException warehouseAway) {
                // the warehouse check says so; keep what was read last
            }
            readAt = System.currentTimeMillis();
        }
        return owners;
    }

    public void setRuns(RunTable runs) { this.runs = runs; }
    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setMeters(Meters meters) { this.meters = meters; }
}
