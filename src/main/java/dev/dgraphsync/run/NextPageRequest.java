package dev.dgraphsync.run;

import dev.dgraphsync.source.DgraphRequest;
import dev.dgraphsync.source.PageQuery;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;


/**
 * Puts the request for the run's next page on the exchange ({@value DgraphRequest#BODY}): the page after the last
 * uid read, of the nodes changed since the pass's {@code from} (or all of them in a first pass), with the nodes
 * without a cursor value that belong in it ({@link PageQuery}).
 */
public class NextPageRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        int size = run.nextPageSize();
        exchange.setProperty(DgraphRequest.BODY, PageQuery.request(run.entity(), size, run.committed().from(),
                run.readPosition(), run.carryWindow(size)));
    }
}
