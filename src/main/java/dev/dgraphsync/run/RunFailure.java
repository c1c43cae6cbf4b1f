package dev.dgraphsync.run;

import dev.dgraphsync.config.Secrets;
import dev.dgraphsync.warehouse.RunFencedException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.processor.aggregate.AggregateController;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * The route's error handler for a run that could not finish: drops the rows the aggregator still holds for it, waits
 * for its batches already handed to the warehouse (a batch after a failed one is never written), and records it
 * FAILED with the reason (secrets redacted) and the checkpoint of its last committed batch; or FENCED (a newer run
 * claimed its entity: a warning, not an error) or STOPPED (Camel is stopping: said at INFO), which are no failures.
 */
public class RunFailure implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private RunHistory history;
    private RunLedger ledger;
    private Secrets secrets;
    private AggregateController batches;

    @Override
    public void process(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        JobRun run = exchange.getProperty(JobRun.PROPERTY, JobRun.class);
        String job = run != null ? run.name() : exchange.getProperty(JobRun.JOB, String.class);
        failed(job, run, cause);
    }

    /**
     * A job whose thread was ended by what no route handles (an {@link Error} such as {@link OutOfMemoryError}: Camel
     * routes handle exceptions only): its open run, if any, is recorded FAILED with the rows it did commit.
     */
    public void unhandled(String job, Throwable cause) {
        failed(job, ledger.openRun(job), cause);
    }

    private void failed(String job, JobRun run, Throwable cause) {
        String reason = secrets.redact(describe(cause));
        if (run == null) {
            LOG.error("{}: run could not start: {}", job, reason);
            ledger.ended(job, false);
            return;
        }
        if (batches != null) {
            batches.forceDiscardingOfGroup(run.id());
        }
        run.settleWrites();
        RunHistory.Status status = ObjectHelper.getException(RunFencedException.class, cause) != null
                ? RunHistory.Status.FENCED
                : ObjectHelper.getException(RunStoppedException.class, cause) != null ? RunHistory.Status.STOPPED
                : RunHistory.Status.FAILED;
        String checkpoint = run.checkpointAfter() == null ? "" : "; checkpoint stays at " + run.checkpointAfter();
        reason = job + ": run " + status.name().toLowerCase(Locale.ROOT) + run.position() + ": " + reason;
        try {
            history.ended(run, status, reason);
        } catch (RuntimeException e) {
            LOG.error("{}: could not record the {} run: {}", job, status, secrets.redact(e.getMessage()));
        }
        switch (status) {
            case FENCED -> LOG.warn("{}{}", reason, checkpoint);
            case STOPPED -> LOG.info("{}{}; the next start goes on from it", reason, checkpoint);
            default -> LOG.error("{}{}", reason, checkpoint);
        }
        if (status == RunHistory.Status.FENCED) {
            ledger.fenced(job);
        } else {
            ledger.ended(job, status != RunHistory.Status.FAILED);
        }
    }

    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        StringBuilder text = new StringBuilder(String.valueOf(cause.getMessage()));
        for (Throwable c = cause.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
                text.append(" (caused by ").append(c.getMessage()).append(')');
            }
        }
        return cause.getClass().getSimpleName() + ": " + text;
    }

    public void setHistory(RunHistory history) { this.history = history; }
    public void setLedger(RunLedger ledger) { this.ledger = ledger; }
    public void setSecrets(Secrets secrets) { this.secrets = secrets; }
    public void setBatches(AggregateController batches) { this.batches = batches; }
}
