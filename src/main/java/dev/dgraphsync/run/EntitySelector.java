package dev.dgraphsync.run;

import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpecException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of an entity's route: names the entity its runs sync ({@value RunOpener#JOB}). It is a bean local
 * to the {@code sync-entity} template, made with the route as Camel starts, so a templated route naming an entity
 * that no file of {@code dgraph.sync.entities-dir} defines, or giving a schedule that is not a cron, stops the start
 * with a message naming it, before anything is written.
 */
public class EntitySelector implements Processor {

    private EntityCatalog catalog;
    private String entity;
    private String schedule;

    /** Throws {@link EntitySpecException} or {@link dev.dgraphsync.config.InvalidSettingException}. */
    public void check() {
        try {
            if (!catalog.get(entity).enabled()) {
                org.slf4j.LoggerFactory.getLogger("dgraph-sync").info("{}: not synced (enabled: false in {})", entity,
                        catalog.fileOf(catalog.get(entity)).getFileName());
            }
            catalog.routed(entity);
        } catch (EntitySpecException e) {
            throw new EntitySpecException("a templated route of sync-entity (routes/): " + e.getMessage());
        }
        SyncSettings.cron("schedule of the templated route of entity '" + entity + "'", schedule);
    }

    /** Names the job; an entity whose file says {@code enabled: false} has no run. */
    @Override
    public void process(Exchange exchange) {
        if (!catalog.get(entity).enabled()) {
            exchange.setRouteStop(true);
            return;
        }
        exchange.setProperty(RunOpener.JOB, entity);
    }

    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setEntity(String entity) { this.entity = entity; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
}
