package dev.dgraphsync.run;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A step of the page loop: waits while the run has its most batches in flight (a slow warehouse slows the reading)
 * and rethrows the failure of a batch that the warehouse did not take, so that the route's error handling ends the
 * run. When Camel is stopping, the run stops here, between two pages ({@link RunStoppedException}).
 */
public class BatchWritesAwait implements Processor {

    private RunLedger ledger;

    @Override
    public void process(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        run.lane().awaitRoom();
        if (ledger != null && ledger.isStopping()) {
            throw new RunStoppedException(run.name());
        }
    }

    public void setLedger(RunLedger ledger) { this.ledger = ledger; }
}
