package dev.dgraphsync.mapping;

import graphql.language.Definition;
import graphql.language.EnumTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.NamedNode;
import graphql.language.ObjectTypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.parser.Parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the GraphQL schema (SDL) into one {@code schema_metadata} row per type the user defined:
 * name, kind, field count and field names, and for an object type the fields that no entity's column reads
 * ({@code unsynced_fields}: a field Dgraph gained shows up there). The SDL is parsed with graphql-java's parser, not
 * by hand.
 */
public final class SchemaTypeExtractor {

    private SchemaTypeExtractor() {
    }

    /** {@code entities}: the synced entities, whose fields read count as synced for their type. */
    public static List<Map<String, Object>> rows(String sdl, java.util.Collection<EntitySpec> entities) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (sdl.isBlank()) {
            return rows;
        }
        for (Definition<?> definition : Parser.parse(sdl).getDefinitions()) {
            List<String> fields = fieldsOf(definition);
            if (fields != null) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("type_name", ((NamedNode<?>) definition).getName());
                row.put("kind", kind(definition));
                row.put("field_count", fields.size());
                row.put("field_names", String.join(",", fields));
                if (definition instanceof ObjectTypeDefinition t) {
                    row.put("unsynced_fields", String.join(",", unsynced(t, entities)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The fields (or values, or members) of a type definition; null for what is not a type (a directive). */
    private static List<String> fieldsOf(Definition<?> definition) {
        if (definition instanceof ObjectTypeDefinition t) {
            return names(t.getFieldDefinitions());
        } else if (definition instanceof InterfaceTypeDefinition t) {
            return names(t.getFieldDefinitions());
        } else if (definition instanceof InputObjectTypeDefinition t) {
            return names(t.getInputValueDefinitions());
        } else if (definition instanceof EnumTypeDefinition t) {
            return names(t.getEnumValueDefinitions());
        } else if (definition instanceof UnionTypeDefinition t) {
            return t.getMemberTypes().stream().map(m -> ((NamedNode<?>) m).getName()).toList();
        }
        return null;
    }

    /** The fields of the type that no entity of it reads; its ID is the key of its table, so it is synced. */
    private static List<String> unsynced(ObjectTypeDefinition type, java.util.Collection<EntitySpec> entities) {
        java.util.Set<String> read = new java.util.HashSet<>();
        entities.stream().filter(e -> type.getName().equals(e.type())).forEach(e -> read.addAll(e.fieldsRead()));
        return type.getFieldDefinitions().stream()
                .filter(f -> !read.contains(f.getName()) && !isId(f.getType()))
                .map(NamedNode::getName).toList();
    }

    private static boolean isId(graphql.language.Type<?> type) {
        graphql.language.Type<?> t = type instanceof graphql.language.NonNullType n ? n.getType() : type;
        return t instanceof graphql.language.TypeName name && name.getName().equals("ID");
    }

    private static List<String> names(List<? extends NamedNode<?>> nodes) {
        return nodes.stream().map(NamedNode::getName).toList();
    }

    private static String kind(Definition<?> definition) {
        return definition.getClass().getSimpleName().replace("TypeDefinition", "").replace("Definition", "")
                .replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
    }
}
