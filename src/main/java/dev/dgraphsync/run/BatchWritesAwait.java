package dev.dgraphsync.run;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A step of the page loop: waits while the run has its most batches in flight (a slow warehouse slows the reading)
 * and rethrows the failure of a batch that the warehouse did not take, so that the route's error handling ends the
 * run.
 */
public class BatchWritesAwait implements Processor {

    @Override
    public void process(Exchange exchange) {
        SyncRun.of(exchange).lane().awaitRoom();
    }
}
