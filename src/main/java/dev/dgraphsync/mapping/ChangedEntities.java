package dev.dgraphsync.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which entities a changed predicate ({@code Product.name}) belongs to: those of its type that read the field, as a
 * column (a path column reads its edge field), an edge or the cursor. A predicate several entities share names each;
 * one no entity reads names none.
 */
public class ChangedEntities {

    private EntityCatalog catalog;
    private volatile Map<String, List<String>> byPredicate;

    public void setCatalog(EntityCatalog catalog) {
        this.catalog = catalog;
    }

    public List<String> of(String predicate) {
        return predicates().getOrDefault(predicate, List.of());
    }

    private Map<String, List<String>> predicates() {
        Map<String, List<String>> map = byPredicate;
        if (map == null) {
            map = new HashMap<>();
            for (EntitySpec entity : catalog.all()) {
                List<String> fields = new ArrayList<>(entity.fieldsRead());
                if (entity.cursor() != null) {
                    fields.add(entity.cursor());
                }
                for (String field : fields) {
                    List<String> entities = map.computeIfAbsent(entity.predicate(field), p -> new ArrayList<>());
                    if (!entities.contains(entity.name())) {
                        entities.add(entity.name());
                    }
                }
            }
            byPredicate = map;
        }
        return map;
    }
}
