package dev.dgraphsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.checkpoint.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits each Dgraph record of a page into a node row and one row per edge it owns
 * ({@code edge_id = source_TYPE_target}), in record order, node first.
 * Body in: the page's records ({@code List<JsonNode>}); body out: {@code List<Row>}.
 */
public class RowExtractor implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");
    private static final Pattern UID = Pattern.compile("0x[0-9a-f]{1,16}");

    /**
     * A record that cannot be read (a value of the wrong type, an id of unexpected form) is skipped with one logged
     * reason and counted in {@code sync_run.rows_skipped}; it never stops the others.
     */
    @Override
    public void process(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        @SuppressWarnings("unchecked")
        List<JsonNode> records = exchange.getMessage().getBody(List.class);
        List<Row> rows = new ArrayList<>(records.size() * 4);
        for (JsonNode record : records) {
            List<Row> recordRows = new ArrayList<>();
            try {
                extract(run.entity(), record, recordRows);
                rows.addAll(recordRows);
            } catch (RuntimeException e) {
                run.recordSkipped();
                LOG.warn("{}: skipped record {}: {}", run.name(), record.path("uid").asText("without uid"), e.getMessage());
            }
        }
        exchange.getMessage().setBody(rows);
    }

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

    private static Map<String, Object> edgeValues(EntitySpec entity, String uid, EdgeSpec edge, String targetUid) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("edge_id", uid + "_" + edge.relationship() + "_" + targetUid);
        values.put("source_id", uid);
        values.put("source_type", entity.type());
        values.put("target_id", targetUid);
        values.put("target_type", edge.target());
        values.put("relationship_type", edge.relationship());
        return values;
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
