package dev.dgraphsync.source;

import dev.dgraphsync.mapping.ColumnSpec;
import dev.dgraphsync.mapping.ColumnType;
import dev.dgraphsync.mapping.EdgeSpec;
import dev.dgraphsync.mapping.EntitySpec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Holds an entity's YAML against Dgraph's live schema: its type exists; its cursor is an indexed DateTime (so that
 * {@code ge} can filter it); each column's field (one edge deep too) exists and its Dgraph type fits the column
 * type; each edge field is a uid edge to the named target type. Each problem names the setting at fault and what
 * Dgraph has instead.
 */
public final class SchemaCheck {

    private SchemaCheck() {
    }

    /** What is wrong, one entry per setting; empty when the entity fits the schema. */
    public static List<String> problems(EntitySpec entity, DgraphSchema schema) {
        List<String> problems = new ArrayList<>();
        if (!schema.hasType(entity.type())) {
            problems.add("type: '" + entity.type() + "' is not a type in Dgraph's schema (its types: "
                    + listed(schema.typeNames()) + ")");
            return problems;
        }
        if (entity.cursor() != null) {
            cursor(entity, schema).ifPresent(problems::add);
        }
        for (int i = 0; i < entity.columns().size(); i++) {
            column("columns[" + i + "]", entity, entity.columns().get(i), schema, problems);
        }
        for (int i = 0; i < entity.edges().size(); i++) {
            edge("edges[" + i + "]", entity, entity.edges().get(i), schema, problems);
        }
        return problems;
    }

    /** The fields of the entity's type that no column or edge reads, in the schema's order. */
    public static List<String> unsynced(EntitySpec entity, DgraphSchema schema) {
        Set<String> read = entity.fieldsRead();
        return schema.fields(entity.type()).keySet().stream().filter(f -> !read.contains(f)).toList();
    }

    private static java.util.Optional<String> cursor(EntitySpec entity, DgraphSchema schema) {
        String type = entity.type();
        String choices = indexedDateTimes(type, schema);
        var field = schema.field(type, entity.cursor());
        if (field.isEmpty()) {
            return java.util.Optional.of("cursor: '" + entity.cursor() + "' is not a field of " + type + "; " + choices);
        }
        if (!"datetime".equals(field.get().dqlType())) {
            return java.util.Optional.of("cursor: '" + entity.cursor() + "' is " + field.get().describe()
                    + " in Dgraph, not a DateTime; " + choices);
        }
        if (!field.get().indexed()) {
            return java.util.Optional.of("cursor: '" + entity.cursor() + "' has no index in Dgraph, so it cannot be"
                    + " filtered (give it @search(by: [hour]) in the GraphQL schema); " + choices);
        }
        return java.util.Optional.empty();
    }

    private static String indexedDateTimes(String type, DgraphSchema schema) {
        List<String> found = schema.fields(type).values().stream().filter(DgraphSchema.Field::isIndexedDateTime)
                .map(DgraphSchema.Field::name).toList();
        return found.isEmpty() ? "it has no indexed DateTime field (leave the cursor out to read it all on every run)"
                : "its indexed DateTime fields: " + String.join(", ", found);
    }

    private static void column(String at, EntitySpec entity, ColumnSpec column, DgraphSchema schema,
                               List<String> problems) {
        if (column == null || column.field() == null || column.type() == null) {
            return; // reported by EntitySpec.validated
        }
        var edgeField = schema.field(entity.type(), column.edgeField());
        if (edgeField.isEmpty()) {
            problems.add(notAField(at, column.edgeField(), entity.type(), schema));
            return;
        }
        if (column.linkedField() == null) {
            fit(at, column.type(), edgeField.get(), problems);
            return;
        }
        if (!edgeField.get().isEdge()) {
            problems.add(at + ".field: '" + column.field() + "' goes through " + entity.predicate(column.edgeField())
                    + ", which is " + edgeField.get().describe() + " in Dgraph, not an edge");
            return;
        }
        String target = entity.targetOf(column);
        var linked = schema.field(target, column.linkedField());
        if (linked.isEmpty()) {
            problems.add(schema.hasType(target) ? notAField(at, column.linkedField(), target, schema)
                    : at + ".field: '" + column.linkedField() + "' is not a field of " + target
                            + ", which is not a type in Dgraph's schema");
            return;
        }
        fit(at, column.type(), linked.get(), problems);
    }

    private static void fit(String at, ColumnType type, DgraphSchema.Field field, List<String> problems) {
        Set<ColumnType> fits = fitting(field);
        if (!fits.contains(type)) {
            problems.add(at + ".type: " + type + " does not fit " + field.type() + "." + field.name() + ", "
                    + field.describe() + " in Dgraph" + (fits.isEmpty() ? " (no column type fits it)"
                            : " (fits: " + listed(fits.stream().map(Enum::name).toList()) + ")"));
        }
    }

    /** The column types that can hold a field of this Dgraph type. */
    public static Set<ColumnType> fitting(DgraphSchema.Field field) {
        if (field.isEdge()) {
            return field.list() ? EnumSet.of(ColumnType.COUNT) : EnumSet.of(ColumnType.REF, ColumnType.COUNT);
        }
        if (field.list()) {
            return EnumSet.of(ColumnType.TEXT); // kept as JSON text
        }
        return switch (field.dqlType()) {
            case "int" -> EnumSet.of(ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.TEXT);
            case "float" -> EnumSet.of(ColumnType.DECIMAL, ColumnType.TEXT);
            case "bool" -> EnumSet.of(ColumnType.BOOLEAN, ColumnType.TEXT);
            case "datetime" -> EnumSet.of(ColumnType.TIMESTAMP, ColumnType.TEXT);
            case "password" -> EnumSet.noneOf(ColumnType.class);
            default -> EnumSet.of(ColumnType.TEXT); // string, default, geo
        };
    }

    private static void edge(String at, EntitySpec entity, EdgeSpec edge, DgraphSchema schema, List<String> problems) {
        if (edge == null || edge.field() == null || edge.target() == null) {
            return; // reported by EntitySpec.validated
        }
        var field = schema.field(entity.type(), edge.field());
        if (field.isEmpty()) {
            problems.add(notAField(at, edge.field(), entity.type(), schema));
            return;
        }
        if (!field.get().isEdge()) {
            problems.add(at + ".field: " + entity.predicate(edge.field()) + " is " + field.get().describe()
                    + " in Dgraph, not an edge");
            return;
        }
        if (!schema.hasType(edge.target())) {
            problems.add(at + ".target: '" + edge.target() + "' is not a type in Dgraph's schema"
                    + schema.target(entity.type(), edge.field()).map(t -> " (" + entity.predicate(edge.field())
                            + " links " + t + ")").orElse(""));
            return;
        }
        schema.target(entity.type(), edge.field()).filter(t -> !t.equals(edge.target())).ifPresent(t -> problems.add(
                at + ".target: " + entity.predicate(edge.field()) + " links " + t + " in Dgraph's GraphQL schema, not "
                        + edge.target()));
    }

    private static String notAField(String at, String field, String type, DgraphSchema schema) {
        return at + ".field: '" + field + "' is not a field of " + type + " (its fields: "
                + listed(schema.fields(type).keySet()) + ")";
    }

    private static String listed(java.util.Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
