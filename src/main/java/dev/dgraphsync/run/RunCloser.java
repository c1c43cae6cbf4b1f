package dev.dgraphsync.run;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Ends a run: waits for the batches still being written; a batch that failed is rethrown here, so that the route's
 * error handling records the run FAILED; otherwise the run is recorded SUCCEEDED with its counts and a summary line
 * is logged.
 */
public class RunCloser implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private RunHistory history;
    private RunLedger ledger;

    @Override
    public void process(Exchange exchange) {
        JobRun run = JobRun.of(exchange);
        run.awaitWrites();
        history.ended(run, RunHistory.Status.SUCCEEDED, null);
        double seconds = Math.max(run.elapsed().toMillis(), 1) / 1000.0;
        LOG.info("{}: run succeeded: {} rows, {} edges{} in {} s ({} rows/s){}", run.name(), run.rows(), run.edges(),
                run.skipped() == 0 ? "" : ", " + run.skipped() + " records skipped (reasons logged above)",
                String.format(Locale.ROOT, "%.2f", seconds), String.format(Locale.ROOT, "%.0f", run.rows() / seconds),
                run.checkpointAfter() == null ? "" : "; checkpoint " + run.checkpointAfter());
        ledger.ended(run.name(), true);
    }

    public void setHistory(RunHistory history) { this.history = history; }
    public void setLedger(RunLedger ledger) { this.ledger = ledger; }
}
