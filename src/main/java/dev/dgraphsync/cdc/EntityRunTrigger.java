package dev.dgraphsync.cdc;

import dev.dgraphsync.run.RunOpener;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.JobDataMap;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;

/**
 * Fires entities' Quartz jobs now, beside their schedules: the run goes through Quartz like any other, so it never
 * overlaps the entity's running one ({@code stateful}), and in a cluster it runs on one instance. A firing already
 * waiting (not yet begun) is enough: the run it starts reads every request made before it opens. A window's firing reads
 * the requested nodes only ({@link RunOpener#REQUESTED_ONLY}), a gap's is the entity's pass.
 */
public class EntityRunTrigger implements CamelContextAware {

    static final String GROUP = "dgraph-sync";
    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private CamelContext camelContext;

    /** The window's entities, each to read its requested nodes only. */
    public void process(Exchange exchange) {
        requested(exchange.getMessage().getBody(CdcWindow.class).uidsByEntity().keySet());
    }

    /** Runs of these entities for their requested nodes only. */
    public void requested(Collection<String> entities) {
        trigger(entities, true);
    }

    /** Full runs of these jobs (after a gap): each entity's pass, and the requested nodes with it. */
    public void trigger(Collection<String> jobs) {
        trigger(jobs, false);
    }

    private void trigger(Collection<String> jobs, boolean requestedOnly) {
        Scheduler scheduler;
        try {
            scheduler = camelContext.getComponent("quartz", QuartzComponent.class).getScheduler();
            for (String job : jobs) {
                JobKey key = JobKey.jobKey(job, GROUP);
                if (!scheduler.checkExists(key)) {
                    LOG.warn("CDC: no job {} to run (its route is not started); its requests wait in sync_repair", job);
                } else if (!waiting(scheduler, key, requestedOnly)) {
                    scheduler.triggerJob(key, requestedOnly ? new JobDataMap(Map.of(RunOpener.REQUESTED_ONLY, "true"))
                            : new JobDataMap());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("CDC: Quartz could not fire the runs of " + jobs + ": " + e.getMessage(), e);
        }
    }

    /** A firing of triggerJob not yet begun that does as much: any, for requested nodes; a full one, for a full run. */
    private static boolean waiting(Scheduler scheduler, JobKey key, boolean requestedOnly) throws SchedulerException {
        for (Trigger trigger : scheduler.getTriggersOfJob(key)) {
            // a firing of triggerJob: no repeat, not yet fired
            if (!trigger.getKey().getGroup().equals(GROUP) && trigger.getPreviousFireTime() == null
                    && trigger.getNextFireTime() != null
                    && (requestedOnly || !"true".equals(trigger.getJobDataMap().get(RunOpener.REQUESTED_ONLY)))) {
                return true;
            }
        }
        return false;
    }

    @Override public void setCamelContext(CamelContext camelContext) { this.camelContext = camelContext; }
    @Override public CamelContext getCamelContext() { return camelContext; }
}
