package dev.dgraphsync.run;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Opens the run of a job that is not an entity (the schema metadata refresh, the deletes reconciliation), named by the
 * exchange property {@value JobRun#JOB}: records it as RUNNING and puts the {@link JobRun} on the exchange.
 */
public class JobRunOpener implements Processor {

    private RunHistory history;
    private RunLedger ledger;

    @Override
    public void process(Exchange exchange) {
        String job = exchange.getProperty(JobRun.JOB, String.class);
        if (!ledger.admit(job)) {
            exchange.setRouteStop(true);
            return;
        }
        JobRun run = new JobRun(job);
        run.attachTo(exchange);
        ledger.opened(job, run);
        history.started(run);
    }

    public void setHistory(RunHistory history) { this.history = history; }
    public void setLedger(RunLedger ledger) { this.ledger = ledger; }
}
