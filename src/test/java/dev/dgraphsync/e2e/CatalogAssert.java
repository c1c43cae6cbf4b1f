package dev.dgraphsync.e2e;

import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The warehouse's active rows and edges equal what Dgraph holds now, column by column; all else is flagged deleted. */
final class CatalogAssert {

    private CatalogAssert() {
    }

    /** Asserts equality and returns the number of rows and edges compared. */
    static long warehouseMatchesSource(WarehouseRows warehouse) throws Exception {
        SourceCatalog source = SourceCatalog.read();
        java.time.temporal.ChronoUnit unit = warehouse.timestampUnit();
        same("product", active(warehouse, "SELECT product_id, sku, name, description, price, in_stock, category_id,"
                + " attributes_count, related_products_count, created_at, updated_at FROM product"), kept(source.products, unit));
        same("category", active(warehouse, "SELECT category_id, name, description, parent_category_id, created_at,"
                + " updated_at FROM category"), kept(source.categories, unit));
        same("attribute", active(warehouse, "SELECT attribute_id, name, value, unit, created_at, updated_at FROM attribute"),
                kept(source.attributes, unit));
        same("app_user", active(warehouse, "SELECT user_id, username, email, created_at, updated_at FROM app_user"),
                kept(source.users, unit));
        same("review", active(warehouse, "SELECT review_id, rating, comment, product_id, author_id, author_username,"
                + " created_at FROM review"), kept(source.reviews, unit));
        Map<String, Map<String, Object>> edges = active(warehouse,
                "SELECT edge_id, source_type || '>' || target_type AS types FROM relationship");
        assertThat(new TreeSet<>(edges.keySet())).isEqualTo(source.edgeIds());
        assertThat(edges).allSatisfy((id, row) -> assertThat(row.get("types")).isEqualTo(source.edges.get(id)));
        return source.products.size() + source.categories.size() + source.attributes.size() + source.users.size()
                + source.reviews.size() + source.edges.size();
    }

    /** Source rows as a warehouse keeping timestamps to this unit holds them (cut, not rounded). */
    private static Map<String, Map<String, Object>> kept(Map<String, Map<String, Object>> rows,
                                                         java.time.temporal.ChronoUnit unit) {
        Map<String, Map<String, Object>> kept = new java.util.TreeMap<>();
        rows.forEach((key, row) -> {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            row.forEach((column, value) -> copy.put(column,
                    value instanceof java.time.Instant i ? i.truncatedTo(unit) : value));
            kept.put(key, copy);
        });
        return kept;
    }

    /** Equal maps, or a failure that lists only the rows that differ (a few of them). */
    static void same(String table, Map<String, Map<String, Object>> warehouse, Map<String, Map<String, Object>> source) {
        java.util.List<String> differences = new java.util.ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(warehouse.keySet());
        keys.addAll(source.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(warehouse.get(key), source.get(key))) {
                differences.add(key + ": warehouse " + warehouse.get(key) + " / Dgraph " + source.get(key));
            }
        }
        assertThat(differences).as("%s rows that differ from Dgraph (%d): %s", table, differences.size(),
                differences.subList(0, Math.min(5, differences.size()))).isEmpty();
    }

    static Map<String, Map<String, Object>> active(WarehouseRows warehouse, String select) throws Exception {
        return warehouse.byKey(select + (select.contains(" WHERE ") ? " AND" : " WHERE") + " is_deleted = FALSE");
    }
}
