package dev.dgraphsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the warehouse should hold, read from the real Dgraph through GraphQL — a different path from the sync's DQL,
 * so the comparison checks the sync rather than repeating it.
 */
final class SourceCatalog {

    final Map<String, Map<String, Object>> categories = new TreeMap<>();
    final Map<String, Map<String, Object>> attributes = new TreeMap<>();
    final Map<String, Map<String, Object>> products = new TreeMap<>();
    final Map<String, Map<String, Object>> users = new TreeMap<>();
    final Map<String, Map<String, Object>> reviews = new TreeMap<>();
    /** edge_id → "source_type>target_type". */
    final Map<String, String> edges = new TreeMap<>();
    /**
     * Ids of the nodes that exist, by type. Dgraph keeps an edge to a deleted node (GraphQL even returns it); the
     * warehouse holds only edges between live nodes, with refs and counts to match.
     */
    private final Map<String, java.util.Set<String>> live = new java.util.HashMap<>();

    static SourceCatalog read() throws Exception {
        SourceCatalog s = new SourceCatalog();
        JsonNode data = RealDgraph.graphql("""
                {
                  queryCategory(first: 1000000) { id name description parentCategory { id } createdAt updatedAt }
                  queryAttribute(first: 1000000) { id name value unit createdAt updatedAt }
                  queryProduct(first: 1000000) { id sku name description price inStock category { id }
                    attributes { id } relatedProducts { id } createdAt updatedAt }
                  queryUser(first: 1000000) { id username email createdAt updatedAt }
                  queryReview(first: 1000000) { id rating comment product { id } author { id username } createdAt updatedAt }
                }""", null);
        for (String type : java.util.List.of("Category", "Attribute", "Product", "User", "Review")) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            data.path("query" + type).forEach(node -> ids.add(id(node)));
            s.live.put(type, ids);
        }
        for (JsonNode c : data.path("queryCategory")) {
            s.categories.put(id(c), row("category_id", id(c), "name", text(c, "name"), "description",
                    text(c, "description"), "parent_category_id", s.ref(c, "parentCategory", "Category"),
                    "created_at", time(c, "createdAt"), "updated_at", time(c, "updatedAt")));
            s.edge(c, "parentCategory", "HAS_PARENT", "Category", "Category");
        }
        for (JsonNode a : data.path("queryAttribute")) {
            s.attributes.put(id(a), row("attribute_id", id(a), "name", text(a, "name"), "value", text(a, "value"),
                    "unit", text(a, "unit"), "created_at", time(a, "createdAt"), "updated_at", time(a, "updatedAt")));
        }
        for (JsonNode p : data.path("queryProduct")) {
            s.products.put(id(p), row("product_id", id(p), "sku", text(p, "sku"), "name", text(p, "name"),
                    "description", text(p, "description"), "price", WarehouseRows.plain(new BigDecimal(p.get("price").asText())),
                    "in_stock", p.get("inStock").asBoolean(), "category_id", s.ref(p, "category", "Category"),
                    "attributes_count", (long) s.targets(p, "attributes", "Attribute").size(),
                    "related_products_count", (long) s.targets(p, "relatedProducts", "Product").size(),
                    "created_at", time(p, "createdAt"), "updated_at", time(p, "updatedAt")));
            s.edge(p, "category", "BELONGS_TO_CATEGORY", "Product", "Category");
            s.edge(p, "relatedProducts", "RELATED_TO", "Product", "Product");
            s.edge(p, "attributes", "HAS_ATTRIBUTE", "Product", "Attribute");
        }
        for (JsonNode u : data.path("queryUser")) {
            s.users.put(id(u), row("user_id", id(u), "username", text(u, "username"), "email", text(u, "email"),
                    "created_at", time(u, "createdAt"), "updated_at", time(u, "updatedAt")));
        }
        for (JsonNode r : data.path("queryReview")) {
            s.reviews.put(id(r), row("review_id", id(r), "rating", r.get("rating").asLong(), "comment",
                    text(r, "comment"), "product_id", s.ref(r, "product", "Product"), "author_id", s.ref(r, "author", "User"),
                    "author_username", s.ref(r, "author", "User") != null ? r.path("author").path("username").asText() : null,
                    "created_at", time(r, "createdAt")));
            s.edge(r, "product", "REVIEWS_PRODUCT", "Review", "Product");
            s.edge(r, "author", "WRITTEN_BY_USER", "Review", "User");
        }
        return s;
    }

    TreeSet<String> edgeIds() {
        return new TreeSet<>(edges.keySet());
    }

    private void edge(JsonNode node, String field, String type, String sourceType, String targetType) {
        for (String target : targets(node, field, targetType)) {
            edges.put(id(node) + "_" + type + "_" + target, sourceType + ">" + targetType);
        }
    }

    private java.util.List<String> targets(JsonNode node, String field, String targetType) {
        JsonNode linked = node.path(field);
        Iterable<JsonNode> all = linked.isArray() ? linked : linked.isObject() ? java.util.List.of(linked) : java.util.List.of();
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (JsonNode t : all) {
            if (live.get(targetType).contains(id(t))) {
                ids.add(id(t));
            }
        }
        return ids;
    }

    private String ref(JsonNode node, String field, String targetType) {
        return targets(node, field, targetType).stream().findFirst().orElse(null);
    }

    private static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private static String id(JsonNode n) {
        return n.get("id").asText();
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).isNull() || n.path(field).isMissingNode() ? null : n.get(field).asText();
    }

    private static Instant time(JsonNode n, String field) {
        return text(n, field) == null ? null : OffsetDateTime.parse(text(n, field)).toInstant();
    }
}
