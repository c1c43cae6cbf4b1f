package dev.dgraphsync.warehouse;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Writes the schema's types to {@code schema_metadata} in one transaction, full refresh: every type present is
 * upserted, a type no longer in the schema is flagged {@code is_deleted}.
 */
public class SchemaMetadataWriter {

    private WarehouseTables tables;

    /** {@code types}: one map per type, keyed by column ({@code type_name}, {@code kind}, {@code field_count}…). */
    public void write(List<Map<String, Object>> types) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        tables.inTransaction("writing " + WarehouseTables.SCHEMA_METADATA, c -> {
            try (PreparedStatement retire = c.prepareStatement("UPDATE " + WarehouseTables.SCHEMA_METADATA
                    + " SET is_deleted = TRUE, deleted_at = ? WHERE is_deleted = FALSE")) {
                retire.setObject(1, now);
                retire.executeUpdate();
            }
            tables.upsert(c, tables.schemaMetadata(), types.stream().map(type -> {
                Map<String, Object> row = new java.util.HashMap<>(type);
                row.put("extracted_at", now);
                return row;
            }).toList());
            return types.size();
        });
    }

    public void setTables(WarehouseTables tables) { this.tables = tables; }
}
