package dev.dgraphsync.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything that differs between one synced entity and another, read from {@code config/entities/NAME.yaml}:
 * the Dgraph type, the warehouse table and its key column, the DateTime field the incremental cursor follows (none:
 * every run reads every node), the columns and the edges. Java code on the sync path only ever reads this; it never names an entity itself.
 */
public record EntitySpec(String name, String type, String table, String key, String cursor,
                         List<ColumnSpec> columns, List<EdgeSpec> edges, boolean enabled, Integer pageSize,
                         Integer batchSize, String schedule) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern RELATIONSHIP = Pattern.compile("[A-Z][A-Z0-9_]{0,62}");

    /**
     * The switches of one entity's runs, each optional: {@code enabled: false} leaves it out (no run, no table
     * made, not reconciled nor verified); {@code pageSize} and {@code batchSize} replace
     * {@code dgraph.sync.page-size} and {@code dgraph.sync.checkpoint-interval} for it, {@code schedule} (a Quartz
     * cron) {@code dgraph.sync.schedule}.
     */
    @JsonCreator
    public EntitySpec(@JsonProperty("name") String name, @JsonProperty("type") String type,
                      @JsonProperty("table") String table, @JsonProperty("key") String key,
                      @JsonProperty("cursor") String cursor, @JsonProperty("columns") List<ColumnSpec> columns,
                      @JsonProperty("edges") List<EdgeSpec> edges, @JsonProperty("enabled") Boolean enabled,
                      @JsonProperty("pageSize") Integer pageSize, @JsonProperty("batchSize") Integer batchSize,
                      @JsonProperty("schedule") String schedule) {
        this(name, type, table, key, cursor, columns, edges, enabled == null || enabled, pageSize, batchSize, schedule);
    }

    public EntitySpec(String name, String type, String table, String key, String cursor, List<ColumnSpec> columns,
                      List<EdgeSpec> edges, boolean enabled, Integer pageSize, Integer batchSize, String schedule) {
        this.enabled = enabled;
        this.schedule = schedule == null || schedule.isBlank() ? null : schedule.trim();
        this.pageSize = pageSize;
        this.batchSize = batchSize;
        this.name = name;
        this.type = type;
        this.table = table;
        this.key = key;
        this.cursor = cursor;
        // An empty item ("-" alone) is kept as null here and reported by validated(), which names it.
        this.columns = columns == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(columns));
        this.edges = edges == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(edges));
    }

    public EntitySpec(String name, String type, String table, String key, String cursor, List<ColumnSpec> columns,
                      List<EdgeSpec> edges) {
        this(name, type, table, key, cursor, columns, edges, true, null, null, null);
    }

    /** The same entity under another name (its file's, when the YAML gives none). */
    public EntitySpec named(String newName) {
        return new EntitySpec(newName, type, table, key, cursor, columns, edges, enabled, pageSize, batchSize, schedule);
    }

    /** The DQL predicate behind a GraphQL field of this type ({@code Product.price}). */
    public String predicate(String field) {
        return type + "." + field;
    }

    public Optional<EdgeSpec> edge(String field) {
        return edges.stream().filter(e -> e != null && field.equals(e.field())).findFirst();
    }

    /** The GraphQL type a path column's edge points at. */
    public String targetOf(ColumnSpec column) {
        if (column.target() != null) {
            return column.target();
        }
        return edge(column.edgeField()).map(EdgeSpec::target).orElseThrow();
    }

    /** The fields of its type that a column or an edge reads (a path column reads its edge field here). */
    public Set<String> fieldsRead() {
        Set<String> read = new java.util.LinkedHashSet<>();
        columns.stream().filter(c -> c != null && c.field() != null).forEach(c -> read.add(c.edgeField()));
        edges.stream().filter(e -> e != null && e.field() != null).forEach(e -> read.add(e.field()));
        return read;
    }

    /**
     * What its rows are written with, as one line: the type, then its columns ({@code name=field:TYPE}) and its edges
     * ({@code field>RELATIONSHIP>Target}), each sorted (their order in the file changes no row). Rows written with
     * another shape lack what it adds.
     */
    public String shape() {
        return type + ": " + String.join(" ", columns.stream()
                .map(c -> c.name() + "=" + c.field() + ":" + c.type()).sorted().toList())
                + "; " + String.join(" ", edges.stream()
                .map(e -> e.field() + ">" + e.relationship() + ">" + e.target()).sorted().toList());
    }

    public List<String> relationshipTypes() {
        return edges.stream().map(EdgeSpec::relationship).distinct().toList();
    }

    /**
     * Checks every name that ends up in SQL or DQL text. Values never do (they travel as bound parameters or DQL
     * variables), but names do, so each must be a plain identifier.
     */
    public EntitySpec validated(String source) {
        List<String> problems = new ArrayList<>();
        requireIdentifier(problems, "name", name);
        requireIdentifier(problems, "type", type);
        requireIdentifier(problems, "table", table);
        requireIdentifier(problems, "key", key);
        if (cursor != null) {
            requireIdentifier(problems, "cursor", cursor);
        }
        if (columns.isEmpty()) {
            problems.add("columns: at least one column is needed");
        }
        if (pageSize != null && pageSize < 1) {
            problems.add("pageSize: " + pageSize + " is below the least allowed value, 1");
        }
        if (batchSize != null && batchSize < 1) {
            problems.add("batchSize: " + batchSize + " is below the least allowed value, 1");
        }
        Set<String> seen = new HashSet<>(Set.of(String.valueOf(key).toLowerCase()));
        for (int i = 0; i < columns.size(); i++) {
            ColumnSpec c = columns.get(i);
            String at = "columns[" + i + "]";
            if (c == null) {
                problems.add(at + ": empty item (a column needs name, field and type)");
                continue;
            }
            requireIdentifier(problems, at + ".name", c.name());
            if (c.name() != null && !seen.add(c.name().toLowerCase())) {
                problems.add(at + ".name: column '" + c.name() + "' appears twice (or repeats the key)");
            }
            if (c.type() == null) {
                problems.add(at + ".type: missing (one of TEXT, INTEGER, DECIMAL, BOOLEAN, TIMESTAMP, REF, COUNT)");
            }
            if (c.field() == null) {
                problems.add(at + ".field: missing");
                continue;
            }
            for (String part : c.field().split("\\.", -1)) {
                requireIdentifier(problems, at + ".field", part);
            }
            if (c.field().split("\\.").length > 2) {
                problems.add(at + ".field: '" + c.field() + "' goes more than one edge deep");
            }
            // A column that reads linked nodes must know their type: deletes are followed, and counted, by it.
            boolean linked = c.linkedField() != null || c.type() == ColumnType.REF || c.type() == ColumnType.COUNT;
            if (linked && c.target() == null && edge(c.edgeField()).isEmpty()) {
                problems.add(at + ".field: '" + c.field() + "' reads linked nodes: it needs an edge on '"
                        + c.edgeField() + "' or a 'target' type");
            }
            if (c.target() != null) {
                requireIdentifier(problems, at + ".target", c.target());
            }
        }
        for (int i = 0; i < edges.size(); i++) {
            EdgeSpec e = edges.get(i);
            if (e == null) {
                problems.add("edges[" + i + "]: empty item (an edge needs field, relationship and target)");
                continue;
            }
            requireIdentifier(problems, "edges[" + i + "].field", e.field());
            requireIdentifier(problems, "edges[" + i + "].target", e.target());
            if (e.relationship() == null || !RELATIONSHIP.matcher(e.relationship()).matches()) {
                problems.add("edges[" + i + "].relationship: '" + e.relationship()
                        + "' must be UPPER_SNAKE_CASE, like BELONGS_TO_CATEGORY");
            }
        }
        if (!problems.isEmpty()) {
            throw new EntitySpecException(source + ": " + String.join("; ", problems));
        }
        return this;
    }

    private static void requireIdentifier(List<String> problems, String setting, String value) {
        if (value == null) {
            problems.add(setting + ": missing");
        } else if (!IDENTIFIER.matcher(value).matches()) {
            problems.add(setting + ": '" + value + "' is not a plain identifier (letters, digits, _; not first a digit)");
        }
    }
}
