package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dgraphsync.checkpoint.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The request for the uids of the entity's nodes that carry no cursor value (written around the GraphQL schema,
 * through DQL): such a node cannot be told apart as changed, so every pass reads it. Dgraph's {@code NOT has(…)}
 * costs a scan of the predicate, whatever the page size, so it is asked once per run, not on every page.
 */
public class UnstampedQuery implements Processor {

    @Override
    public void process(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        String cursor = run.entity().predicate(run.entity().cursor());
        request.put("query", "{ unstamped(func: type(" + run.entity().type() + ")) @filter(NOT has(" + cursor
                + ")) { uid } }");
        exchange.setProperty(DgraphRequest.BODY, request.toString());
    }
}
