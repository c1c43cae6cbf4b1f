package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dgraphsync.checkpoint.PageCursor;
import dev.dgraphsync.checkpoint.SyncRun;
import dev.dgraphsync.mapping.ColumnSpec;
import dev.dgraphsync.mapping.ColumnType;
import dev.dgraphsync.mapping.EdgeSpec;
import dev.dgraphsync.mapping.EntitySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds the request (exchange property {@value DgraphRequest#BODY}) for the next page of the run: a DQL query for {@code /query}, in ascending uid order after the
 * last uid read, filtered on the cursor field ({@code ge}, inclusive; a node without one always passes). The cursor's values travel as DQL variables,
 * never spliced into the query text; names come from the entity YAML, which was checked to hold identifiers only.
 *
 * <p>DQL, not GraphQL, because GraphQL has only {@code offset} paging, which is neither exact over Dgraph's
 * unstable sort nor cheap at large offsets (dgraph#5807); {@code after: uid} is both.
 */
public class PageQuery implements Processor {

    @Override
    public void process(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        ObjectNode variables = request.putObject("variables");
        PageCursor cursor = run.committed();
        if (cursor.from() != null) {
            variables.put("$from", cursor.from().toString());
        }
        if (run.readPosition() != null) {
            variables.put("$after", run.readPosition());
        }
        request.put("query", query(run.entity(), run.pageSize(), cursor.from() != null, run.readPosition() != null));
        exchange.setProperty(DgraphRequest.BODY, request.toString());
    }

    static String query(EntitySpec entity, int pageSize, boolean filtered, boolean after) {
        StringBuilder q = new StringBuilder("query page(");
        if (filtered) {
            q.append("$from: string");
        }
        if (after) {
            q.append(filtered ? ", " : "").append("$after: string");
        }
        q.append(") {\n  page(func: type(").append(entity.type()).append("), first: ").append(pageSize);
        if (after) {
            q.append(", after: $after");
        }
        q.append(")");
        if (filtered) {
            // A node without a cursor value (written around the GraphQL schema, through DQL) is read on every pass:
            // it could not be told apart as changed, and must not be missed.
            String cursor = entity.predicate(entity.cursor());
            q.append(" @filter(ge(").append(cursor).append(", $from) OR NOT has(").append(cursor).append("))");
        }
        q.append(" {\n    uid\n");
        selections(entity).forEach((field, nested) -> {
            q.append("    ").append(entity.predicate(field));
            if (nested != null) {
                // An edge to a deleted node outlives it in Dgraph (GraphQL hides it); only live targets count.
                targetType(entity, field).ifPresent(t -> q.append(" @filter(type(").append(t).append("))"));
                q.append(" { ").append(String.join(" ", nested)).append(" }");
            }
            q.append('\n');
        });
        return q.append("  }\n}").toString();
    }

    private static java.util.Optional<String> targetType(EntitySpec entity, String field) {
        return entity.edge(field).map(EdgeSpec::target).or(() -> entity.columns().stream()
                .filter(c -> c.edgeField().equals(field) && c.target() != null).map(ColumnSpec::target).findFirst());
    }

    /** Each predicate to read, with the fields wanted on the nodes it links to (null for a scalar). */
    private static Map<String, Set<String>> selections(EntitySpec entity) {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (ColumnSpec column : entity.columns()) {
            boolean linked = column.type() == ColumnType.REF || column.type() == ColumnType.COUNT
                    || column.linkedField() != null;
            if (!linked) {
                fields.putIfAbsent(column.field(), null);
                continue;
            }
            Set<String> nested = fields.computeIfAbsent(column.edgeField(), f -> new LinkedHashSet<>(Set.of("uid")));
            if (column.linkedField() != null) {
                nested.add(entity.targetOf(column) + "." + column.linkedField());
            }
        }
        for (EdgeSpec edge : entity.edges()) {
            fields.computeIfAbsent(edge.field(), f -> new LinkedHashSet<>(Set.of("uid")));
        }
        return fields;
    }
}
