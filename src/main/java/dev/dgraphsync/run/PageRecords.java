package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.source.DgraphResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a page answer into its records ({@code List<JsonNode>}), those up to the page's end ({@link UnstampedWindow}),
 * and tells the run how far it has read.
 */
public class PageRecords implements Processor {

    @Override
    public void process(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        String context = run.name() + ", page " + (run.pages() + 1) + " after uid "
                + (run.readPosition() == null ? "none" : run.readPosition());
        JsonNode page = DgraphResponse.data(exchange.getMessage().getBody(JsonNode.class), "page", context);
        List<JsonNode> records = new ArrayList<>(page.size());
        page.forEach(record -> {
            if (run.pageHolds(record.path("uid").asText())) {
                records.add(record);
            }
        });
        String lastUid = records.isEmpty() ? null : records.get(records.size() - 1).path("uid").asText(null);
        run.pageRead(page.size(), records.size(), lastUid);
        exchange.getMessage().setBody(records);
    }
}
