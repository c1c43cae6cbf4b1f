package dev.dgraphsync.source;

import dev.dgraphsync.mapping.ColumnType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Drafts an entity YAML from a type of Dgraph's live schema: a column per scalar field with its type mapped, a
 * {@code REF} column for a single edge, a {@code COUNT} column and an {@code edges:} entry for a list edge
 * (relationship named in UPPER_SNAKE_CASE after the field, target from the GraphQL schema), the key column named
 * after the type, and the cursor {@code updatedAt} where the type has it indexed, else {@code createdAt}, else none,
 * with a comment saying why. Also the templated route that syncs it.
 */
public final class EntityDiscovery {

    /** Words H2 or PostgreSQL reserve: a table or column named so gets a prefix. */
    private static final Set<String> RESERVED = Set.of("all", "and", "any", "array", "as", "between", "both", "case",
            "cast", "check", "constraint", "cross", "day", "default", "distinct", "else", "end", "except", "exists",
            "false", "fetch", "for", "foreign", "from", "full", "group", "groups", "having", "hour", "if", "ilike", "in",
            "inner", "intersect", "interval", "is", "join", "key", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "minus", "minute", "month", "natural", "not", "null", "offset", "on", "or", "order", "over",
            "partition", "primary", "qualify", "range", "regexp", "right", "row", "rownum", "rows", "second", "select",
            "session_user", "set", "some", "symmetric", "system_user", "table", "to", "top", "trailing", "true",
            "union", "unique", "unknown", "user", "using", "values", "when", "where", "window", "with", "year");

    private EntityDiscovery() {
    }

    /** The entity's name (and file name, and table): {@code ProductVariant} → {@code product_variant}. */
    public static String entityName(String type) {
        return snake(type);
    }

    /** The YAML of an entity that syncs {@code type} as it is in the schema. */
    public static String entityYaml(DgraphSchema schema, String type) {
        String name = entityName(type);
        List<String> columns = new ArrayList<>();
        List<String> edges = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (DgraphSchema.Field field : schema.fields(type).values()) {
            String column = column(type, field.name());
            if (field.isEdge()) {
                String target = schema.target(type, field.name()).orElse(null);
                if (target == null) {
                    notes.add("# " + field.name() + ": an edge, left out: the GraphQL schema (from /admin) was not"
                            + " readable to say which type it links (dgraph.admin-token?)");
                    continue;
                }
                columns.add(line(field.list() ? column + "_count" : column + "_id", field.name(),
                        field.list() ? ColumnType.COUNT : ColumnType.REF));
                edges.add("  - { field: " + field.name() + ", relationship: " + upperSnake(field.name())
                        + ", target: " + target + " }");
            } else if (field.dqlType().equals("password")) {
                notes.add("# " + field.name() + ": a password, never synced");
            } else {
                columns.add(line(column, field.name(), scalar(field)));
            }
        }
        StringBuilder yaml = new StringBuilder("# ").append(type)
                .append(", as Dgraph's schema has it (drafted by `bin/dgraph-sync discover`): rename, retype or drop"
                        + " columns at will.\n");
        notes.forEach(n -> yaml.append(n).append('\n'));
        yaml.append("type: ").append(type).append('\n')
                .append("table: ").append(RESERVED.contains(name) ? "app_" + name : name).append('\n')
                .append("key: ").append(name).append("_id\n");
        String cursor = cursor(schema, type);
        if (cursor != null) {
            yaml.append("cursor: ").append(cursor).append('\n');
        } else {
            List<String> indexed = schema.fields(type).values().stream().filter(DgraphSchema.Field::isIndexedDateTime)
                    .map(DgraphSchema.Field::name).toList();
            yaml.append("# No cursor: ").append(type).append(" has no indexed updatedAt or createdAt, so every run reads"
                    + " every ").append(type).append(indexed.isEmpty() ? ". Give it an updatedAt: DateTime"
                    + " @search(by: [hour]) and set `cursor: updatedAt`.\n"
                    : ". Set `cursor:` to one of its indexed DateTime fields if it tells changes apart: "
                    + String.join(", ", indexed) + ".\n");
        }
        yaml.append("columns:\n");
        columns.forEach(c -> yaml.append(c).append('\n'));
        if (!edges.isEmpty()) {
            yaml.append("edges:\n");
            edges.forEach(e -> yaml.append(e).append('\n'));
        }
        return yaml.toString();
    }

    /** The templated route that syncs the entity, for {@code routes/entities.camel.yaml}. */
    public static String routeYaml(String entity) {
        return """
                - templatedRoute:
                    routeTemplateRef: sync-entity
                    routeId: sync-%1$s
                    parameters:
                      - name: entity
                        value: %1$s
                """.formatted(entity);
    }

    private static String cursor(DgraphSchema schema, String type) {
        for (String candidate : List.of("updatedAt", "createdAt")) {
            if (schema.field(type, candidate).filter(DgraphSchema.Field::isIndexedDateTime).isPresent()) {
                return candidate;
            }
        }
        return null;
    }

    private static ColumnType scalar(DgraphSchema.Field field) {
        if (field.list()) {
            return ColumnType.TEXT;
        }
        return switch (field.dqlType()) {
            case "int" -> ColumnType.INTEGER;
            case "float" -> ColumnType.DECIMAL;
            case "bool" -> ColumnType.BOOLEAN;
            case "datetime" -> ColumnType.TIMESTAMP;
            default -> ColumnType.TEXT;
        };
    }

    private static String line(String column, String field, ColumnType type) {
        return "  - { name: " + column + ", field: " + field + ", type: " + type + " }";
    }

    private static String column(String type, String field) {
        String name = snake(field);
        return RESERVED.contains(name) ? snake(type) + "_" + name : name;
    }

    static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    static String upperSnake(String name) {
        return snake(name).toUpperCase(Locale.ROOT);
    }
}
