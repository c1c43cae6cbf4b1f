package dev.dgraphsync.run;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Opens the run of the job named by the exchange property {@value JobRun#JOB}: records it as RUNNING and puts it on
 * the exchange. A job that is not an entity (the schema metadata refresh, the deletes reconciliation) runs as a
 * {@link JobRun}; an entity's run is opened by {@link RunOpener}. In {@code once} mode a job runs one time only.
 */
public class JobRunOpener implements Processor {

    protected RunHistory history;
    private RunLedger ledger;
    private QuartzCluster cluster;

    @Override
    public void process(Exchange exchange) {
        String job = exchange.getProperty(JobRun.JOB, String.class);
        if (!ledger.admit(job)) {
            exchange.setRouteStop(true);
            return;
        }
        String owner = ledger.isOnce() && cluster != null ? cluster.runningElsewhere(job) : null;
        if (owner != null) {
            ledger.leftTo(job, owner);
            exchange.setRouteStop(true);
            return;
        }
        JobRun run = newRun(job, exchange);
        run.attachTo(exchange);
        ledger.opened(job, run);
        history.started(run);
    }

    /** The run of this job, not yet recorded ({@code exchange}: its firing). */
    protected JobRun newRun(String job, Exchange exchange) {
        return new JobRun(job);
    }

    public void setHistory(RunHistory history) { this.history = history; }
    public void setLedger(RunLedger ledger) { this.ledger = ledger; }
    public void setCluster(QuartzCluster cluster) { this.cluster = cluster; }
}
