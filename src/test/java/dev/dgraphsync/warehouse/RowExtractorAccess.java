package dev.dgraphsync.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.Row;
import dev.dgraphsync.mapping.RowExtractor;

import java.util.List;

final class RowExtractorAccess {
    private RowExtractorAccess() {
    }

    static void extract(EntityCatalog catalog, JsonNode record, List<Row> rows) {
        RowExtractor.extract(catalog.get("product"), record, rows);
    }
}
