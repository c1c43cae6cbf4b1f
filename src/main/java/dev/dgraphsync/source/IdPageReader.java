package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Adds a page of uids to its {@link IdScan}. */
public class IdPageReader implements Processor {

    @Override
    public void process(Exchange exchange) {
        IdScan scan = exchange.getProperty(IdScan.PROPERTY, IdScan.class);
        JsonNode page = DgraphResponse.data(exchange.getMessage().getBody(JsonNode.class), "page",
                "reconcile " + scan.entity().name() + " after uid " + scan.after());
        String last = null;
        for (JsonNode node : page) {
            last = node.path("uid").asText();
            scan.add(last);
        }
        scan.pageRead(page.size(), last);
    }
}
