package dev.dgraphsync.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** What {@code verify} found for each entity, as a table for the terminal, JSON, or Markdown. */
public record VerifyReport(List<VerifyResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<Drift> COLUMNS = List.of(Drift.values());

    public boolean equal() {
        return results.stream().allMatch(r -> r.differences() == 0);
    }

    /** The table, then up to ten example ids of each difference found. */
    public String table() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-12s %9s", "entity", "checked"));
        COLUMNS.forEach(d -> text.append(String.format(Locale.ROOT, " %13s", d.label)));
        text.append('\n');
        for (VerifyResult r : results) {
            text.append(String.format(Locale.ROOT, "%-12s %9d", r.entity(), r.checked()));
            COLUMNS.forEach(d -> text.append(String.format(Locale.ROOT, " %13d", r.count(d))));
            text.append('\n');
        }
        for (VerifyResult r : results) {
            for (Drift d : COLUMNS) {
                if (r.count(d) > 0) {
                    text.append(r.entity()).append(", ").append(d.label).append(": ")
                            .append(String.join(", ", r.examples(d))).append(r.count(d) > r.examples(d).size() ? ", …" : "")
                            .append('\n');
                }
            }
        }
        return text.append(equal() ? "verify: the warehouse equals Dgraph\n" : "verify: the warehouse differs from Dgraph\n")
                .toString();
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("equal", equal());
        for (VerifyResult r : results) {
            ObjectNode entity = root.withArray("entities").addObject();
            entity.put("entity", r.entity());
            entity.put("checked", r.checked());
            for (Drift d : COLUMNS) {
                ObjectNode kind = entity.putObject(d.name().toLowerCase(Locale.ROOT));
                kind.put("count", r.count(d));
                r.examples(d).forEach(kind.putArray("examples")::add);
            }
            ObjectNode edges = entity.putObject("edges_by_relationship");
            r.edgesByRelationship().forEach((type, counts) -> edges.putObject(type).put("missing", counts[0])
                    .put("extra", counts[1]));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# dgraph-sync verify\n\n")
                .append(equal() ? "The warehouse equals Dgraph.\n\n" : "The warehouse differs from Dgraph.\n\n")
                .append("| entity | checked |");
        COLUMNS.forEach(d -> md.append(' ').append(d.label).append(" |"));
        md.append("\n|---|---:|").append("---:|".repeat(COLUMNS.size())).append('\n');
        for (VerifyResult r : results) {
            md.append("| ").append(r.entity()).append(" | ").append(r.checked()).append(" |");
            COLUMNS.forEach(d -> md.append(' ').append(r.count(d)).append(" |"));
            md.append('\n');
        }
        for (VerifyResult r : results) {
            for (Drift d : COLUMNS) {
                if (r.count(d) > 0) {
                    md.append("\n- **").append(r.entity()).append(", ").append(d.label).append("**: `")
                            .append(String.join("`, `", r.examples(d))).append('`');
                }
            }
        }
        return md.append('\n').toString();
    }
}
