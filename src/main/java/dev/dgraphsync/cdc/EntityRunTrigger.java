package dev.dgraphsync.cdc;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;

/**
 * Fires entities' Quartz jobs now, beside their schedules: the run goes through Quartz like any other, so it never
 * overlaps the entity's running one ({@code stateful}), and in a cluster it runs on one instance. A firing already
 * waiting (not yet begun) is enough: the run it starts reads every request made before it opens.
 */
public class EntityRunTrigger implements CamelContextAware {

    static final String GROUP = "dgraph-sync";
    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private CamelContext camelContext;

    /** The window's entities. */
    public void process(Exchange exchange) {
        trigger(exchange.getMessage().getBody(CdcWindow.class).uidsByEntity().keySet());
    }

    public void trigger(Collection<String> jobs) {
        Scheduler scheduler;
        try {
            scheduler = camelContext.getComponent("quartz", QuartzComponent.class).getScheduler();
            for (String job : jobs) {
                JobKey key = JobKey.jobKey(job, GROUP);
                if (!scheduler.checkExists(key)) {
                    LOG.warn("CDC: no job {} to run (its route is not started); its requests wait in sync_repair", job);
                } else if (!waiting(scheduler, key)) {
                    scheduler.triggerJob(key);
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("CDC: Quartz could not fire the runs of " + jobs + ": " + e.getMessage(), e);
        }
    }

    private static boolean waiting(Scheduler scheduler, JobKey key) throws SchedulerException {
        for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
            // a firing of triggerJob: no repeat, not yet fired
            if (!trigger.getKey().getGroup().equals(GROUP) && trigger.getPreviousFireTime() == null
                    && trigger.getNextFireTime() != null) {
                return true;
            }
        }
        return false;
    }

    @Override public void setCamelContext(CamelContext camelContext) { this.camelContext = camelContext; }
    @Override public CamelContext getCamelContext() { return camelContext; }
}
