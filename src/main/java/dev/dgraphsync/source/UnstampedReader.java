package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.checkpoint.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.Arrays;

/** Hands the run the uids of its nodes without a cursor value, sorted, for {@link PageQuery} to read with the pass. */
public class UnstampedReader implements Processor {

    @Override
    public void process(Exchange exchange) {
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
