package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.language.Definition;
import graphql.language.FieldDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.parser.Parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Dgraph says its schema is, as the sync reads it: each type's fields and each field's DQL type, index and
 * whether it holds a list, from DQL's {@code schema {}} on {@code /query} (the API key and an ACL user may ask it).
 * DQL does not know where a uid edge points; the GraphQL schema (SDL from {@code /admin}) does, and is added when it
 * can be read ({@link #withGraphql}).
 *
 * <p>A GraphQL field {@code Review.rating} is the DQL predicate {@code Review.rating}; a field removed from the
 * GraphQL schema leaves its type, even while its data stays in Dgraph.
 */
public final class DgraphSchema {

    /** The DQL request for the whole schema: every predicate and every type. */
    public static final String REQUEST = request();
    static final String SDL_REQUEST = "{\"query\": \"{ getGQLSchema { schema } }\"}";

    /** One field of a type: its DQL type ({@code string}, {@code int}, {@code float}, {@code bool}, {@code datetime}, {@code uid}…). */
    public record Field(String type, String name, String dqlType, boolean indexed, List<String> tokenizers,
                        boolean list) {
        public boolean isEdge() {
            return "uid".equals(dqlType);
        }

        public boolean isIndexedDateTime() {
            return "datetime".equals(dqlType) && indexed;
        }

        /** How the schema prints it: {@code a list of uid}, {@code an indexed datetime}. */
        public String describe() {
            String what = (indexed ? "indexed " : "") + (dqlType.equals("uid") ? "uid edge" : dqlType);
            return list ? "a list of " + what + (dqlType.equals("uid") ? "s" : "") : article(what) + " " + what;
        }

        private static String article(String word) {
            return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
        }
    }

    private final Map<String, Map<String, Field>> types;
    private final Map<String, String> targets;

    private DgraphSchema(Map<String, Map<String, Field>> types, Map<String, String> targets) {
        this.types = types;
        this.targets = targets;
    }

    private static String request() {
        ObjectNode request = DgraphResponse.JSON.createObjectNode();
        request.put("query", "schema {}");
        return request.toString();
    }

    /**
     * Dgraph's live schema: DQL's {@code schema {}} from {@code /query} (a failure to read it is thrown as
     * {@link Dgraph} sorts it, or as a {@link DgraphQueryException} naming Dgraph's errors), then, where the
     * credentials may read {@code /admin}, the GraphQL schema that says where edges point (left out otherwise).
     */
    public static DgraphSchema read(Dgraph dgraph) {
        JsonNode answer = dgraph.ask("/query", REQUEST);
        DgraphResponse.data(answer, "types", "Dgraph's schema");
        String sdl = "";
        try {
            sdl = DgraphResponse.data(dgraph.ask("/admin", SDL_REQUEST), "getGQLSchema", "Dgraph's GraphQL schema")
                    .path("schema").asText("");
        } catch (DgraphQueryException | DgraphRefusedException unreadable) {
            // no GraphQL schema then: edge targets are not known
        }
        return of(answer.path("data")).withGraphql(sdl);
    }

    /** From the {@code data} of the answer to {@link #REQUEST}. */
    public static DgraphSchema of(JsonNode data) {
        Map<String, JsonNode> predicates = new LinkedHashMap<>();
        for (JsonNode p : data.path("schema")) {
            predicates.put(p.path("predicate").asText(), p);
        }
        Map<String, Map<String, Field>> types = new LinkedHashMap<>();
        for (JsonNode t : data.path("types")) {
            String type = t.path("name").asText();
            Map<String, Field> fields = new LinkedHashMap<>();
            for (JsonNode f : t.path("fields")) {
                String predicate = f.path("name").asText();
                JsonNode p = predicates.get(predicate);
                if (p == null || !predicate.startsWith(type + ".")) {
                    continue; // a predicate the user may not read, or one named outside GraphQL's Type.field scheme
                }
                List<String> tokenizers = new ArrayList<>();
                p.path("tokenizer").forEach(tok -> tokenizers.add(tok.asText()));
                String name = predicate.substring(type.length() + 1);
                fields.put(name, new Field(type, name, p.path("type").asText("default"), p.path("index").asBoolean(),
                        List.copyOf(tokenizers), p.path("list").asBoolean()));
            }
            types.put(type, fields);
        }
        return new DgraphSchema(types, Map.of());
    }

    /** This schema, knowing where each edge points, from the GraphQL schema's SDL. */
    public DgraphSchema withGraphql(String sdl) {
        Map<String, String> found = new LinkedHashMap<>();
        if (sdl != null && !sdl.isBlank()) {
            for (Definition<?> definition : Parser.parse(sdl).getDefinitions()) {
                if (definition instanceof ObjectTypeDefinition type) {
                    for (FieldDefinition field : type.getFieldDefinitions()) {
                        found.put(type.getName() + "." + field.getName(), named(field.getType()));
                    }
                }
            }
        }
        return new DgraphSchema(types, found);
    }

    private static String named(Type<?> type) {
        if (type instanceof NonNullType t) {
            return named(t.getType());
        }
        if (type instanceof ListType t) {
            return named(t.getType());
        }
        return ((TypeName) type).getName();
    }

    /** The user's types: Dgraph's own ({@code dgraph.graphql}…) left out. */
    public List<String> typeNames() {
        return types.keySet().stream().filter(t -> !t.startsWith("dgraph.")).toList();
    }

    public boolean hasType(String type) {
        return types.containsKey(type);
    }

    public Map<String, Field> fields(String type) {
        return types.getOrDefault(type, Map.of());
    }

    public Optional<Field> field(String type, String field) {
        return Optional.ofNullable(fields(type).get(field));
    }

    /** The type a uid edge points at, as the GraphQL schema says; empty when no GraphQL schema was read. */
    public Optional<String> target(String type, String field) {
        return Optional.ofNullable(targets.get(type + "." + field));
    }

    public boolean knowsTargets() {
        return !targets.isEmpty();
    }
}
