package dev.dgraphsync.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One warehouse column of an entity: its SQL name, the GraphQL field it comes from and its type.
 * A field may be a path one edge deep ({@code author.username}): the value of {@code username} on the node that
 * {@code author} points at; the entity must then declare an edge on {@code author} or give {@code target}.
 */
public record ColumnSpec(String name, String field, ColumnType type, String target) {

    @JsonCreator
    public ColumnSpec(@JsonProperty("name") String name, @JsonProperty("field") String field,
                      @JsonProperty("type") ColumnType type, @JsonProperty("target") String target) {
        this.name = name;
        this.field = field;
        this.type = type;
        this.target = target;
    }

    /** The edge field a path column goes through, or the field itself. */
    public String edgeField() {
        int dot = field.indexOf('.');
        return dot < 0 ? field : field.substring(0, dot);
    }

    /** The field on the linked node for a path column, or null. */
    public String linkedField() {
        int dot = field.indexOf('.');
        return dot < 0 ? null : field.substring(dot + 1);
    }
}
