package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.source.DgraphRequest;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.source.PageQuery;
import org.apache.camel.Exchange;

import java.util.Arrays;

/**
 * Finds, once per incremental run, the entity's nodes that carry no cursor value: such a node cannot be told apart
 * as changed, so every pass reads it ({@link NextPageRequest} merges them into the pass's uid order). Two steps of
 * the route around one Dgraph request: {@link #request}, then {@link #read}.
 */
public class UnstampedLookup {

    public void request(Exchange exchange) {
        exchange.setProperty(DgraphRequest.BODY, PageQuery.unstampedRequest(SyncRun.of(exchange).entity()));
    }

    public void read(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        JsonNode found = DgraphResponse.data(exchange.getMessage().getBody(JsonNode.class), "unstamped",
                run.name() + ", nodes without " + run.entity().cursor());
        long[] uids = new long[found.size()];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = IdScan.parse(found.get(i).path("uid").asText());
        }
        Arrays.sort(uids);
        run.unstamped(uids);
    }
}
