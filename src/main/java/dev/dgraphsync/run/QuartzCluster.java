package dev.dgraphsync.run;

import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.warehouse.PostgresDialect;
import dev.dgraphsync.warehouse.QuartzTables;
import dev.dgraphsync.warehouse.Warehouse;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.OnCamelContextInitializing;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * With {@code dgraph.cluster.enabled}, the instances that share the warehouse share one Quartz scheduler: Quartz's
 * clustered JDBC job store, in the warehouse database ({@code QRTZ_*} tables). Each firing of a job runs on one
 * instance, a job's runs never overlap across the instances ({@code stateful}), and the jobs of an instance that
 * stops checking in ({@code dgraph.cluster.checkin-interval-ms}) are taken over by the others. Off, each instance keeps
 * its own scheduler in memory, as a single instance always did. Either way a run proves at every batch that it still
 * holds its claim on its entity (the fencing epoch of {@code sync_checkpoint}), so that an election that goes wrong
 * (a paused instance that wakes up, a connection held in a network partition) cannot land anything stale.
 */
public class QuartzCluster implements OnCamelContextInitializing {

    /** The name Quartz knows the warehouse's connections by. */
    static final String DATA_SOURCE = "dgraphSyncWarehouse";

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private SyncSettings settings;
    private Warehouse warehouse;
    private QuartzTables tables;

    @Override
    public void onContextInitializing(CamelContext context) {
        // A once keeps a scheduler of its own: it runs its jobs here, and leaves to the cluster what it runs now. A
        // command whose routes stay stopped (verify, reset, discover) joins no scheduler: it would take firings it
        // cannot run.
        if (!settings.flag(Setting.CLUSTER_ENABLED) || settings.flag(Setting.ONCE) || !context.isAutoStartup()) {
            return;
        }
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new WarehouseConnections(warehouse));
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setPrefixInstanceName(false);
        quartz.setProperties(properties(warehouse.dialect().quartzDelegate()));
        LOG.info("dgraph.cluster.enabled: instance {} shares its scheduler with the other instances on this warehouse"
                + " (Quartz's clustered job store, tables QRTZ_*)", settings.instanceId());
    }

    /** A start-up check: Quartz's tables in the warehouse, made when missing (before the scheduler starts). */
    public void createTables() {
        if (isEnabled()) {
            tables.create();
        }
    }

    /**
     * A start-up check, before anything is written: instances that share their scheduler share the warehouse, a
     * PostgreSQL database, the one the cluster is tested on (an embedded H2 file opens in one process only, and H2
     * shared through its server is not tested).
     */
    public void requireSharedWarehouse() {
        if (isEnabled() && !(warehouse.dialect() instanceof PostgresDialect)) {
            throw new InvalidSettingException(Setting.CLUSTER_ENABLED.key(), "the instances share their scheduler and"
                    + " their warehouse, which must be a PostgreSQL database; this one is not");
        }
    }

    /**
     * For a {@code once} beside instances that share their scheduler: the instance of theirs that runs the job now
     * (null when none does, or when they do not share one).
     */
    public String runningElsewhere(String job) {
        return isEnabled() ? tables.runningInstance(job, 2L * settings.number(Setting.CLUSTER_CHECKIN_INTERVAL_MS))
                : null;
    }

    /** Whether the instances share their scheduler. */
    public boolean isEnabled() {
        return settings.flag(Setting.CLUSTER_ENABLED);
    }

    Map<String, Object> properties(String delegate) {
        Map<String, Object> quartz = new HashMap<>();
        quartz.put("org.quartz.scheduler.instanceName", "dgraph-sync");
        quartz.put("org.quartz.scheduler.instanceId", settings.instanceId());
        quartz.put("org.quartz.scheduler.skipUpdateCheck", "true");
        quartz.put("org.quartz.threadPool.threadCount", "10");
        quartz.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        quartz.put("org.quartz.jobStore.driverDelegateClass", delegate);
        quartz.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
        quartz.put("org.quartz.jobStore.isClustered", "true");
        quartz.put("org.quartz.jobStore.clusterCheckinInterval", settings.text(Setting.CLUSTER_CHECKIN_INTERVAL_MS));
        // A firing missed while no instance could take it (all stopped, or the one that held it died) is not made up
        // for by a burst: the next one comes at its time.
        quartz.put("org.quartz.jobStore.misfireThreshold", "60000");
        return quartz;
    }

    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setWarehouse(Warehouse warehouse) { this.warehouse = warehouse; }
    public void setTables(QuartzTables tables) { this.tables = tables; }

    /** Quartz's connections are the warehouse pool's, each bounded in how long it may hold Quartz's locks idle. */
    private record WarehouseConnections(Warehouse warehouse) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            Connection c = warehouse.dataSource().getConnection();
            try {
                warehouse.limitIdleTransactions(c);
                return c;
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }

        @Override
        public void shutdown() {
            // the pool is the warehouse's, closed with it
        }

        @Override
        public void initialize() {
            // made by the warehouse
        }
    }
}
