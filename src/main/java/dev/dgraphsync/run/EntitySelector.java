package dev.dgraphsync.run;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpecException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of an entity's route: names the entity its runs sync ({@value JobRun#JOB}). It is a bean local to
 * the {@code sync-entity} template, made with the route, so it checks the template's own parameters as the route is
 * made, before Quartz reads the schedule: an entity that no file of {@code dgraph.sync.entities-dir} defines, or a
 * schedule that is not a cron, stops the start with a message naming it. It tells the catalog the entity has a route
 * (the start-up checks then find any entity without one).
 */
public class EntitySelector implements Processor {

    private EntityCatalog catalog;
    private String entity;
    private String schedule;

    /** Bean init: the route's parameters. Throws {@link EntitySpecException} or an InvalidSettingException. */
    public void check() {
        try {
            catalog.routed(entity);
        } catch (EntitySpecException e) {
            throw new EntitySpecException("a templated route of sync-entity (routes/): " + e.getMessage());
        }
        Setting.cron("schedule of the templated route of entity '" + entity + "'", schedule);
    }

    /** Names the job; an entity whose file says {@code enabled: false} has no run. */
    @Override
    public void process(Exchange exchange) {
        if (!catalog.get(entity).enabled()) {
            exchange.setRouteStop(true);
            return;
        }
        exchange.setProperty(JobRun.JOB, entity);
    }

    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setEntity(String entity) { this.entity = entity; }
    public void setSchedule(String schedule) { this.schedule = schedule; }
}
