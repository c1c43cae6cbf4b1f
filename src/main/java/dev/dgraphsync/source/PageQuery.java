package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dgraphsync.mapping.ColumnSpec;
import dev.dgraphsync.mapping.ColumnType;
import dev.dgraphsync.mapping.EdgeSpec;
import dev.dgraphsync.mapping.EntitySpec;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The request for a page of a pass: a DQL query for {@code /query}, in ascending uid order after the last uid read.
 * An incremental pass reads the nodes whose cursor field is {@code >= from} (inclusive; found through the field's
 * index, so a page costs what it returns) and the nodes that have no cursor value at all ({@link #unstampedRequest},
 * asked once per run), merged into one uid order. The cursor's values travel as DQL variables, never spliced into the
 * query text; names come from the entity YAML, which was checked to hold identifiers only, and uids are Dgraph's own,
 * of the form {@code 0x…}.
 *
 * <p>DQL, not GraphQL, because GraphQL has only {@code offset} paging, which is neither exact over Dgraph's
 * unstable sort nor cheap at large offsets (dgraph#5807); {@code after: uid} is both.
 */
public final class PageQuery {

    /** Any instant does: every cursor value is either at or after it, or before it. */
    private static final String STAMP_SPLIT = "2000-01-01T00:00:00Z";

    private PageQuery() {
    }

    /**
     * The JSON request for a page: {@code from} null for a first pass (every node), {@code after} null for the
     * pass's first page; {@code unstamped}, the next nodes without a cursor value after {@code after}.
     */
    public static String request(EntitySpec entity, int pageSize, OffsetDateTime from, String after,
                                 List<String> unstamped) {
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        ObjectNode variables = request.putObject("variables");
        if (from != null) {
            variables.put("$from", from.toString());
        }
        if (after != null) {
            variables.put("$after", after);
        }
        request.put("query", query(entity, pageSize, from != null, after != null, unstamped));
        return request.toString();
    }

    /**
     * The JSON request for the uids of the entity's nodes that carry no cursor value ({@code unstamped}), and for the
     * highest uid of its type ({@code highest}): its nodes less the ones that have one. Dgraph reads a whole predicate
     * or index for this whatever the page size, so a run asks it once, not on every page, and only now and then
     * ({@link #newUnstampedRequest} in between). The nodes that have one are found through the cursor's
     * index (which {@link SchemaCheck} requires), as those at or after any instant together with those before it:
     * {@code has(…)} would read every value of the predicate instead, and at 1,000,000 products costs 5-6 s against
     * about 1 s. Asked as a set difference, not as {@code @filter(NOT has(…))}, which checks each node apart (at
     * 100,000 products three times the set difference with {@code has(…)}).
     */
    public static String unstampedRequest(EntitySpec entity) {
        String cursor = entity.predicate(entity.cursor());
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        request.put("query", "{ var(func: ge(" + cursor + ", \"" + STAMP_SPLIT + "\")) { later as uid }"
                + " var(func: lt(" + cursor + ", \"" + STAMP_SPLIT + "\")) { earlier as uid }"
                + " unstamped(func: type(" + entity.type() + ")) @filter(NOT uid(later, earlier)) { uid }"
                + highest(entity) + " }");
        return request.toString();
    }

    /**
     * The same answer as {@link #unstampedRequest}, for the nodes after uid {@code after} only (a highest uid an
     * earlier lookup saw): the nodes made since. Dgraph skips the older ones before the filter, so this
     * costs what the new nodes cost (100,000 products, 1,300 new: 10 ms against 85 ms for the whole type).
     */
    public static String newUnstampedRequest(EntitySpec entity, String after) {
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        request.putObject("variables").put("$after", after);
        request.put("query", "query unstamped($after: string) { unstamped(func: type(" + entity.type()
                + "), after: $after) @filter(NOT has(" + entity.predicate(entity.cursor()) + ")) { uid }"
                + highest(entity) + " }");
        return request.toString();
    }

    /**
     * The JSON request for which of these uids are nodes of the entity's type now ({@code live}): the others are gone
     * (deleted, or no longer of the type). Each uid is written back from its number, so only uids reach the query.
     */
    public static String liveRequest(EntitySpec entity, List<String> uids) {
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        request.put("query", "{ live(func: uid(" + String.join(", ", uids.stream()
                .map(uid -> "0x" + Long.toHexString(IdScan.parse(uid))).toList()) + ")) @filter(type("
                + entity.type() + ")) { uid } }");
        return request.toString();
    }

    /** The block that answers the type's highest uid (none: the type has no node). */
    private static String highest(EntitySpec entity) {
        return " highest(func: type(" + entity.type() + "), first: -1) { uid }";
    }

    static String query(EntitySpec entity, int pageSize, boolean filtered, boolean after) {
        return query(entity, pageSize, filtered, after, List.of());
    }

    /**
     * The JSON request for the entity's next {@code size} nodes after uid {@code after} (null: from the first), in uid
     * order, read as a pass reads them, with the cursor field too (a column or not): what {@code verify} compares
     * with the warehouse.
     */
    public static String verifyPageRequest(EntitySpec entity, int size, String after) {
        StringBuilder q = new StringBuilder("{\n  page(func: type(").append(entity.type()).append("), first: ").append(size)
                .append(after == null ? "" : ", after: " + after).append(") {\n    uid\n");
        if (entity.cursor() != null && !selections(entity).containsKey(entity.cursor())) {
            q.append("    ").append(entity.predicate(entity.cursor())).append('\n');
        }
        fields(entity, q);
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        request.put("query", q.append("  }\n}").toString());
        return request.toString();
    }

    /**
     * {@code unstamped}: the next nodes without a cursor value after the read position, as many as a page holds at
     * most; any of them that belongs in this page is among these.
     */
    static String query(EntitySpec entity, int pageSize, boolean filtered, boolean after, List<String> unstamped) {
        StringBuilder q = new StringBuilder("query page(");
        if (filtered) {
            q.append("$from: string");
        }
        if (after) {
            q.append(filtered ? ", " : "").append("$after: string");
        }
        q.append(") {\n");
        String cursor = entity.predicate(entity.cursor());
        if (!filtered) {
            q.append("  page(func: type(").append(entity.type()).append("), first: ").append(pageSize);
        } else if (unstamped.isEmpty()) {
            q.append("  page(func: ge(").append(cursor).append(", $from), first: ").append(pageSize);
        } else {
            q.append("  var(func: ge(").append(cursor).append(", $from)) { changed as uid }\n");
            q.append("  var(func: uid(").append(String.join(", ", unstamped)).append(")) { unstamped as uid }\n");
            q.append("  page(func: uid(changed, unstamped), first: ").append(pageSize);
        }
        if (after) {
            q.append(", after: $after");
        }
        q.append(")");
        if (filtered) {
            q.append(" @filter(type(").append(entity.type()).append("))");
        }
        q.append(" {\n    uid\n");
        fields(entity, q);
        return q.append("  }\n}").toString();
    }

    /** The predicates a page reads, one a line. */
    private static void fields(EntitySpec entity, StringBuilder q) {
        selections(entity).forEach((field, nested) -> {
            q.append("    ").append(entity.predicate(field));
            if (nested != null) {
                // An edge to a deleted node outlives it in Dgraph (GraphQL hides it); only live targets count.
                targetType(entity, field).ifPresent(t -> q.append(" @filter(type(").append(t).append("))"));
                q.append(" { ").append(String.join(" ", nested)).append(" }");
            }
            q.append('\n');
        });
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
