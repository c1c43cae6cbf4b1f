package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The next page of an {@link IdScan}: uids only, ascending, after the last one read. */
public class IdPageQuery implements Processor {

    @Override
    public void process(Exchange exchange) {
        IdScan scan = exchange.getProperty(IdScan.PROPERTY, IdScan.class);
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        String type = scan.entity().type();
        if (scan.after() == null) {
            request.put("query", "{ page(func: type(" + type + "), first: " + scan.pageSize() + ") { uid } }");
        } else {
            request.put("query", "query page($after: string) { page(func: type(" + type + "), first: "
                    + scan.pageSize() + ", after: $after) { uid } }");
            request.putObject("variables").put("$after", scan.after());
        }
        exchange.setProperty(DgraphRequest.BODY, request.toString());
    }
}
