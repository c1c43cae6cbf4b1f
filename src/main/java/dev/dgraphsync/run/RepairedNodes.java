package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.source.DgraphRequest;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.source.PageQuery;
import dev.dgraphsync.warehouse.DeletionFlagger;
import dev.dgraphsync.warehouse.RepairTable;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The end of a pass that read the nodes asked for again ({@code verify --repair}, or change data capture): those no
 * longer nodes of the entity's type (an extra row, in verify's words) are flagged deleted at once, with their edges
 * and the edges that point at them, without waiting for the deletes reconciliation; then the requests the run found
 * as it opened are forgotten. Two steps of the route around one Dgraph request: {@link #request}, then {@link #settle}.
 */
public class RepairedNodes {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private DeletionFlagger flagger;
    private RepairTable repairs;

    public void request(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        exchange.setProperty(DgraphRequest.BODY, PageQuery.liveRequest(run.entity(),
                run.repairs().stream().map(RepairTable.Request::nodeId).toList()));
    }

    public void settle(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        Set<Long> live = new HashSet<>();
        for (JsonNode node : DgraphResponse.data(exchange.getMessage().getBody(JsonNode.class), "live",
                run.name() + ", nodes asked for again")) {
            live.add(IdScan.parse(node.path("uid").asText()));
        }
        List<String> gone = run.repairs().stream().map(RepairTable.Request::nodeId).filter(uid -> !live.contains(IdScan.parse(uid)))
                .distinct().toList();
        // The pass's batches first: the requests are forgotten only once what they asked for is committed.
        run.awaitWrites();
        if (!gone.isEmpty()) {
            DeletionFlagger.Flagged flagged = flagger.flagGone(run.entity(), gone);
            LOG.info("{}: {} of the nodes asked to be read again are gone from Dgraph: {} rows and {} edges flagged"
                    + " deleted", run.name(), gone.size(), flagged.rows(), flagged.edges());
        }
        repairs.clear(run.name(), run.repairs());
    }

    public void setFlagger(DeletionFlagger flagger) { this.flagger = flagger; }
    public void setRepairs(RepairTable repairs) { this.repairs = repairs; }
}
