package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.source.DgraphRequest;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.source.PageQuery;
import org.apache.camel.Exchange;

import dev.dgraphsync.warehouse.RepairTable;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Finds, once per incremental run, the entity's nodes that carry no cursor value: such a node cannot be told apart
 * as changed, so every pass reads it ({@link NextPageRequest} merges them into the pass's uid order). Two steps of
 * the route around one Dgraph request: {@link #request}, then {@link #read}. The nodes {@code verify --repair} asked
 * to be read again are read the same way.
 */
public class UnstampedLookup {

    private RepairTable repairs;

    public void request(Exchange exchange) {
        exchange.setProperty(DgraphRequest.BODY, PageQuery.unstampedRequest(SyncRun.of(exchange).entity()));
    }

    public void read(Exchange exchange) throws SQLException {
        SyncRun run = SyncRun.of(exchange);
        JsonNode found = DgraphResponse.data(exchange.getMessage().getBody(JsonNode.class), "unstamped",
                run.name() + ", nodes without " + run.entity().cursor());
        List<String> repair = repairs == null ? List.of() : repairs.pending(run.name());
        long[] uids = new long[found.size() + repair.size()];
        for (int i = 0; i < found.size(); i++) {
            uids[i] = IdScan.parse(found.get(i).path("uid").asText());
        }
        for (int i = 0; i < repair.size(); i++) {
            uids[found.size() + i] = IdScan.parse(repair.get(i));
        }
        uids = Arrays.stream(uids).sorted().distinct().toArray();
        run.unstamped(uids);
    }

    public void setRepairs(RepairTable repairs) { this.repairs = repairs; }
}
