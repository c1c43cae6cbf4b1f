package dev.dgraphsync.run;

import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.source.DgraphAcl;
import dev.dgraphsync.source.DgraphCredentialCheck;
import dev.dgraphsync.source.DgraphSchemaCheck;
import dev.dgraphsync.source.DgraphTls;
import dev.dgraphsync.warehouse.WarehouseTables;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.OnCamelContextInitializing;
import org.apache.camel.spi.OnCamelContextStarting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything checked before anything is written, in this order, once as Camel starts; the first problem stops the
 * start with one line naming the file and setting at fault (the command line exits 2):
 * <ol>
 *   <li>as Camel initializes, before any route is made: every setting ({@link SyncSettings}) and every entity file
 *       ({@link EntityCatalog});</li>
 *   <li>as it starts, once every route is made: each entity has a templated route; the trust store
 *       ({@link DgraphTls}); the ACL login ({@link DgraphAcl}); the API key and admin token
 *       ({@link DgraphCredentialCheck}); each entity file against Dgraph's live schema ({@link DgraphSchemaCheck});
 *       the warehouse, reached and its tables made ({@link WarehouseTables}), Quartz's too when the instances share
 *       their scheduler ({@link QuartzCluster}).</li>
 * </ol>
 * A Dgraph that cannot be reached yet is not judged: the runs retry it.
 */
public class StartupChecks implements OnCamelContextInitializing, OnCamelContextStarting {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private SyncSettings settings;
    private EntityCatalog catalog;
    private DgraphTls tls;
    private DgraphAcl acl;
    private DgraphCredentialCheck credentials;
    private DgraphSchemaCheck schema;
    private WarehouseTables tables;
    private QuartzCluster cluster;

    @Override
    public void onContextInitializing(CamelContext context) {
        settings.resolve();
        catalog.load();
        for (EntitySpec entity : catalog.defined()) {
            if (!entity.enabled()) {
                LOG.info("{}: not synced (enabled: false in {})", entity.name(), catalog.fileOf(entity).getFileName());
            }
        }
    }

    @Override
    public void onContextStarting(CamelContext context) {
        catalog.requireEveryEntityRouted();
        tls.configure();
        acl.login();
        credentials.check();
        schema.check();
        cluster.requireSharedWarehouse();
        tables.create();
        cluster.createTables();
    }

    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setTls(DgraphTls tls) { this.tls = tls; }
    public void setAcl(DgraphAcl acl) { this.acl = acl; }
    public void setCredentials(DgraphCredentialCheck credentials) { this.credentials = credentials; }
    public void setSchema(DgraphSchemaCheck schema) { this.schema = schema; }
    public void setTables(WarehouseTables tables) { this.tables = tables; }
    public void setCluster(QuartzCluster cluster) { this.cluster = cluster; }
}
