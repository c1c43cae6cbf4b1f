package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The next page of an {@link IdScan}: uids only, ascending, after the last one read. */
public class IdPageQuery implements Processor {

    @Override
    public void process(Exchange exchange) {
        IdScan scan = exchange.getProperty(IdScan.PROPERTY, IdScan.class);
        exchange.setProperty(DgraphRequest.BODY, request(scan.entity().type(), scan.pageSize(), scan.after()));
    }

    /** The JSON request for up to {@code pageSize} uids of the type after {@code after} (null: from the first). */
    public static String request(String type, int pageSize, String after) {
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        if (after == null) {
            request.put("query", "{ page(func: type(" + type + "), first: " + pageSize + ") { uid } }");
        } else {
            request.put("query", "query page($after: string) { page(func: type(" + type + "), first: "
                    + pageSize + ", after: $after) { uid } }");
            request.putObject("variables").put("$after", after);
        }
        return request.toString();
    }
}
