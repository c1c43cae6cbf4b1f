package dev.dgraphsync.run;

import dev.dgraphsync.mapping.Row;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The pass has read its last page: the body becomes the row that ends it, which completes the run's last batch in the
 * aggregator (the checkpoint then moves on to the next pass).
 */
public class EndOfPass implements Processor {

    @Override
    public void process(Exchange exchange) {
        exchange.getMessage().setBody(Row.end(SyncRun.of(exchange).entity()));
    }
}
