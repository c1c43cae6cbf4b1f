package dev.dgraphsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a Dgraph record into its node row and one row per edge it owns ({@code edge_id = source_TYPE_target}),
 * node first.
 */
public final class RowExtractor {

    private static final Pattern UID = Pattern.compile("0x[0-9a-f]{1,16}");

    private RowExtractor() {
    }

    /** Throws an {@link IllegalArgumentException} naming what cannot be read; {@code rows} may then hold part of it. */
    public static void extract(EntitySpec entity, JsonNode record, List<Row> rows) {
        String uid = record.path("uid").asText(null);
        if (uid == null || !UID.matcher(uid).matches()) {
            throw new IllegalArgumentException("uid '" + uid + "' is not a Dgraph uid (0x…)");
        }
        rows.add(new Row(Row.Kind.NODE, entity, uid, nodeValues(entity, uid, record), false));
        for (EdgeSpec edge : entity.edges()) {
            for (JsonNode target : linked(record.get(entity.predicate(edge.field())))) {
                String targetUid = target.path("uid").asText(null);
                if (targetUid != null) {
                    rows.add(new Row(Row.Kind.EDGE, entity, uid, edgeValues(entity, uid, edge, targetUid), false));
                }
            }
        }
        int last = rows.size() - 1;
        Row closing = rows.get(last);
        rows.set(last, new Row(closing.kind(), entity, uid, closing.values(), true));
    }

    private static Map<String, Object> nodeValues(EntitySpec entity, String uid, JsonNode record) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(entity.key(), uid);
        for (ColumnSpec column : entity.columns()) {
            JsonNode raw = record.get(entity.predicate(column.edgeField()));
            values.put(column.name(), switch (column.type()) {
                case REF -> first(raw).map(n -> n.path("uid").asText(null)).orElse(null);
                case COUNT -> linked(raw).size();
                default -> column.linkedField() == null
                        ? ValueReader.read(raw, column.type())
                        : first(raw).map(n -> ValueReader.read(
                                n.get(entity.targetOf(column) + "." + column.linkedField()), column.type()))
                                .orElse(null);
            });
        }
        return values;
    }

    /** Never null, so an immutable map: most rows are edges, and this one is a fifth the size of a LinkedHashMap. */
    private static Map<String, Object> edgeValues(EntitySpec entity, String uid, EdgeSpec edge, String targetUid) {
        return Map.of("edge_id", uid + "_" + edge.relationship() + "_" + targetUid, "source_id", uid,
                "source_type", entity.type(), "target_id", targetUid, "target_type", edge.target(),
                "relationship_type", edge.relationship());
    }

    /** A single edge comes back as an object, a list edge as an array; a missing one as nothing. */
    private static List<JsonNode> linked(JsonNode raw) {
        List<JsonNode> nodes = new ArrayList<>();
        if (raw == null || raw.isNull()) {
            return nodes;
        }
        if (raw.isArray()) {
            raw.forEach(nodes::add);
        } else if (raw.isObject()) {
            nodes.add(raw);
        }
        return nodes;
    }

    private static java.util.Optional<JsonNode> first(JsonNode raw) {
        return linked(raw).stream().findFirst();
    }
}
