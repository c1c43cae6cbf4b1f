package dev.dgraphsync.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A graph edge an entity owns: the GraphQL field holding it (single or list), the relationship type written to the
 * relationship table, and the GraphQL type of the node it points at. An entity owns the edges read from its side
 * only, so an edge stored twice by {@code @hasInverse} is written once.
 */
public record EdgeSpec(String field, String relationship, String target) {

    @JsonCreator
    public EdgeSpec(@JsonProperty("field") String field, @JsonProperty("relationship") String relationship,
                    @JsonProperty("target") String target) {
        this.field = field;
        this.relationship = relationship;
        this.target = target;
    }
}
