package dev.dgraphsync.run;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;

/**
 * The property function {@code {{entity-schedule:NAME}}}: the Quartz cron of an entity's runs, its file's
 * {@code schedule} or else {@code dgraph.sync.schedule}. The {@code sync-entity} template's {@code schedule}
 * parameter defaults to it, so a templated route needs none. Known to Camel's properties as soon as this bean is
 * given the context.
 */
public class EntitySchedules implements PropertiesFunction, CamelContextAware {

    private CamelContext camelContext;
    private EntityCatalog catalog;
    private SyncSettings settings;

    @Override
    public String getName() {
        return "entity-schedule";
    }

    @Override
    public String apply(String entity) {
        String name = entity.trim();
        String own = catalog.contains(name) ? catalog.get(name).schedule() : null;
        return own != null ? own : settings.text(Setting.SCHEDULE);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
        camelContext.getPropertiesComponent().addPropertiesFunction(this);
    }

    @Override public CamelContext getCamelContext() { return camelContext; }
    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setSettings(SyncSettings settings) { this.settings = settings; }
}
