package dev.dgraphsync.karaf;

import org.apache.camel.CamelContext;
import org.apache.camel.karaf.core.OsgiCamelContextPublisher;
import org.apache.camel.karaf.core.OsgiDefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.osgi.framework.BundleContext;

import javax.sql.DataSource;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

/**
 * The Camel context dgraph-sync runs in Karaf: the routes shipped in the bundle ({@code dgraph-sync/routes/}, the same
 * files as the top-level {@code routes/}), the settings as Camel properties, the warehouse DataSource in the registry
 * under its name, and published as an OSGi service so that {@code camel:route-list} shows the routes.
 */
final class SyncCamelContext {

    static final String NAME = "dgraph-sync";
    static final String ROUTES = "dgraph-sync/routes";
    /** As camel.main.shutdown-timeout in config/application.properties: an in-flight run finishes its batch. */
    private static final int SHUTDOWN_TIMEOUT_SECONDS = 60;

    private SyncCamelContext() {
    }

    static CamelContext start(BundleContext bundle, Properties settings, String dataSourceName, DataSource warehouse)
            throws Exception {
        OsgiDefaultCamelContext camel = new OsgiDefaultCamelContext(bundle);
        try {
            camel.getCamelContextExtension().setName(NAME);
            // Camel's Quartz jobs find their context by its management name, which OSGi would prefix with the bundle's
            // id: in a cluster the jobs in the warehouse were stored by the first instance, so every instance's context
            // goes by the same name, dgraph-sync.
            camel.setManagementName(NAME);
            camel.addLifecycleStrategy(new RouteBeanHooks());
            camel.getManagementStrategy().addEventNotifier(new OsgiCamelContextPublisher(bundle));
            camel.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
            camel.getPropertiesComponent().setInitialProperties(settings);
            // routes/beans.camel.yaml's warehouse bean takes the DataSource bean named by warehouse.datasource-name.
            camel.getRegistry().bind(dataSourceName, DataSource.class, warehouse);
            PluginHelper.getRoutesLoader(camel).loadRoutes(routes(bundle, camel));
            camel.start();
            return camel;
        } catch (Exception | Error e) {
            camel.stop();
            throw e;
        }
    }

    /** Every route file of the bundle, in name order (as camel run and Camel Main load the routes/ folder). */
    private static List<Resource> routes(BundleContext bundle, CamelContext camel) throws Exception {
        List<String> paths = new ArrayList<>();
        Enumeration<URL> entries = bundle.getBundle().findEntries(ROUTES, "*.camel.yaml", false);
        for (URL entry : entries == null ? List.<URL>of() : Collections.list(entries)) {
            paths.add(entry.getPath().replaceFirst("^/", ""));
        }
        if (paths.isEmpty()) {
            throw new IllegalStateException("the bundle has no " + ROUTES + "/*.camel.yaml");
        }
        Collections.sort(paths);
        List<Resource> resources = new ArrayList<>();
        for (String path : paths) {
            resources.add(ResourceHelper.resolveMandatoryResource(camel, "classpath:" + path));
        }
        return resources;
    }
}
