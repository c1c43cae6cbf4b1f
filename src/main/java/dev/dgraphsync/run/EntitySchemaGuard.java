package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpecException;
import dev.dgraphsync.source.DgraphRequest;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.source.DgraphSchema;
import dev.dgraphsync.source.SchemaCheck;
import org.apache.camel.Exchange;

import java.util.List;

/**
 * Checks, as each run of an entity begins, that its YAML still fits Dgraph's schema (a field removed from Dgraph
 * while the connector runs would otherwise land NULL in every row): a misfit fails this run, naming the field; the
 * other entities go on. Two steps of the route around one Dgraph request: {@link #request}, then {@link #check}.
 */
public class EntitySchemaGuard {

    private EntityCatalog catalog;

    public void request(Exchange exchange) {
        exchange.setProperty(DgraphRequest.BODY, DgraphSchema.REQUEST);
    }

    public void check(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        JsonNode answer = exchange.getMessage().getBody(JsonNode.class);
        DgraphResponse.data(answer, "types", run.name() + ", Dgraph's schema");
        List<String> problems = SchemaCheck.problems(run.entity(), DgraphSchema.of(answer.path("data")));
        if (!problems.isEmpty()) {
            throw new EntitySpecException(catalog.fileOf(run.entity()) + " no longer fits Dgraph's schema: "
                    + String.join("; ", problems));
        }
    }

    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
}
