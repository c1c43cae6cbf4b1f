package dev.dgraphsync.karaf;

import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Secrets;
import dev.dgraphsync.mapping.EntitySpecException;
import dev.dgraphsync.warehouse.WarehouseUnavailableException;
import org.apache.camel.CamelContext;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * dgraph-sync as a Karaf bundle. Its settings come from Config Admin (PID {@code dev.dgraphsync}, see
 * {@link KarafSettings}); its warehouse is the pax-jdbc DataSource service whose {@code dataSourceName} is
 * {@code warehouse.datasource-name}. While both are there, a Camel context runs the shipped routes
 * ({@link SyncCamelContext}); a changed setting starts it again, a DataSource that goes away stops it.
 */
public class SyncBundle implements BundleActivator, ManagedService {

    static final String PID = "dev.dgraphsync";
    private static final Logger LOG = LoggerFactory.getLogger(SyncBundle.class);

    private BundleContext bundle;
    /** One thread starts and stops the context: never two at once, and Config Admin's thread never waits on Camel. */
    private ExecutorService lifecycle;
    private ServiceRegistration<ManagedService> registration;
    private ServiceTracker<DataSource, DataSource> warehouses;
    private Properties settings;
    private String dataSourceName;
    private CamelContext camel;

    @Override
    public void start(BundleContext context) {
        bundle = context;
        lifecycle = Executors.newSingleThreadExecutor(r -> new Thread(r, "dgraph-sync-karaf"));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, PID);
        registration = context.registerService(ManagedService.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        registration.unregister();
        lifecycle.execute(this::untrack);
        lifecycle.shutdown();
        if (!lifecycle.awaitTermination(2, TimeUnit.MINUTES)) {
            LOG.warn("dgraph-sync: the Camel context did not stop within 2 minutes");
        }
    }

    /** Config Admin: the settings of {@code etc/dev.dgraphsync.cfg} (null when there are none). */
    @Override
    public void updated(Dictionary<String, ?> configured) {
        later(() -> configure(configured));
    }

    private void configure(Dictionary<String, ?> configured) {
        Properties next = KarafSettings.of(bundle.getBundle(), configured);
        if (next.equals(settings)) {
            return; // the same settings again (Karaf writes a feature's configuration to etc/, File Install reads it)
        }
        untrack();
        try {
            settings = next;
            dataSourceName = KarafSettings.dataSourceName(settings);
            String filter = "(&(" + Constants.OBJECTCLASS + "=" + DataSource.class.getName() + ")(dataSourceName="
                    + dataSourceName + "))";
            warehouses = new ServiceTracker<>(bundle, bundle.createFilter(filter), new WarehouseService());
        } catch (InvalidSettingException | InvalidSyntaxException e) {
            LOG.error("dgraph-sync did not start: {}", e.getMessage());
            return;
        }
        warehouses.open();
        if (warehouses.isEmpty()) {
            LOG.info("dgraph-sync waits for the DataSource service dataSourceName={} (warehouse.datasource-name;"
                    + " see etc/org.ops4j.datasource-{}.cfg)", dataSourceName, dataSourceName);
        }
    }

    /** On the lifecycle thread; once the bundle stops, nothing more is started (stop() closes everything). */
    private void later(Runnable task) {
        try {
            lifecycle.execute(task);
        } catch (RejectedExecutionException stopping) {
            // the bundle is stopping: its last task stops the context
        }
    }

    private void untrack() {
        if (warehouses != null) {
            warehouses.close();
            warehouses = null;
        }
        stopCamel();
    }

    private void startCamel(DataSource warehouse) {
        if (camel != null) {
            return;
        }
        try {
            camel = SyncCamelContext.start(bundle, settings, dataSourceName, warehouse);
            LOG.info("dgraph-sync started: {} routes, warehouse DataSource {}", camel.getRoutes().size(),
                    dataSourceName);
        } catch (Exception e) {
            if (warehouses != null && warehouses.getService() != warehouse) {
                // pax-jdbc replaced or removed the DataSource while the routes started (as a feature's first install
                // does): the tracker starts them again on the one that takes its place
                LOG.info("dgraph-sync: the DataSource {} went away while the routes started; they start again on the one"
                        + " that takes its place", dataSourceName);
            } else {
                LOG.error("dgraph-sync did not start: {}", redacted(reason(e)));
            }
        }
    }

    private void stopCamel() {
        if (camel != null) {
            camel.stop();
            camel = null;
        }
    }

    /** The setting at fault when there is one (its message names it), or else every cause's message. */
    private static String reason(Throwable failure) {
        StringBuilder why = new StringBuilder();
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof InvalidSettingException || c instanceof EntitySpecException
                    || c instanceof WarehouseUnavailableException) {
                return c.getMessage();
            }
            why.append(why.length() == 0 ? "" : "; caused by: ")
                    .append(c.getMessage() != null ? c.getMessage() : c.getClass().getName());
        }
        return why.toString();
    }

    /** The secret settings' values masked (Camel's own messages may quote a property it could not bind). */
    private String redacted(String text) {
        String result = Secrets.maskUrlCredentials(text);
        for (String setting : Secrets.SETTINGS) {
            String secret = settings.getProperty(setting, "");
            if (secret.length() >= 3) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }

    /** Starts the context when the warehouse DataSource appears, stops it when it goes. */
    private final class WarehouseService implements ServiceTrackerCustomizer<DataSource, DataSource> {
        @Override
        public DataSource addingService(ServiceReference<DataSource> reference) {
            DataSource warehouse = bundle.getService(reference);
            later(() -> startCamel(warehouse));
            return warehouse;
        }

        @Override
        public void modifiedService(ServiceReference<DataSource> reference, DataSource warehouse) {
        }

        /** Stops the context; starts it again on another DataSource of that name if one is left. */
        @Override
        public void removedService(ServiceReference<DataSource> reference, DataSource warehouse) {
            later(() -> {
                stopCamel();
                DataSource other = warehouses == null ? null : warehouses.getService();
                if (other != null) {
                    startCamel(other);
                }
            });
            bundle.ungetService(reference);
        }
    }
}
