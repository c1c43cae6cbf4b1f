package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntityCatalog;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;

/**
 * The property function {@code {{entity-schedule:NAME}}}: the Quartz cron of an entity's runs, its file's
 * {@code schedule} or else {@code dgraph.sync.schedule}. The {@code sync-entity} template's {@code schedule}
 * parameter defaults to it, so a templated route needs none.
 */
public class EntitySchedules implements PropertiesFunction, CamelContextAware {

    private CamelContext camelContext;
    private EntityCatalog catalog;
    private String defaultSchedule;

    /** Bean init: the function is known to the context's properties from now on. */
    public void register() {
        camelContext.getPropertiesComponent().addPropertiesFunction(this);
    }

    @Override
    public String getName() {
        return "entity-schedule";
    }

    @Override
    public String apply(String entity) {
        String name = entity.trim();
        String own = catalog.contains(name) ? catalog.get(name).schedule() : null;
        return own != null ? own : defaultSchedule;
    }

    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setDefaultSchedule(String defaultSchedule) { this.defaultSchedule = defaultSchedule; }
    @Override public void setCamelContext(CamelContext camelContext) { this.camelContext = camelContext; }
    @Override public CamelContext getCamelContext() { return camelContext; }
}
