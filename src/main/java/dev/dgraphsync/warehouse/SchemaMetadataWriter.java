package dev.dgraphsync.warehouse;


import java.sql.PreparedStatement;
import java.sql.SQLException;
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
    public void write(List<Map<String, Object>> types) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        TableDef table = tables.schemaMetadata();
        tables.inTransaction(c -> {
            try (PreparedStatement retire = c.prepareStatement(
                    "UPDATE schema_metadata SET is_deleted = TRUE, deleted_at = ? WHERE is_deleted = FALSE");
                 PreparedStatement upsert = c.prepareStatement(tables.upsert(table))) {
                retire.setObject(1, now);
                retire.executeUpdate();
                for (Map<String, Object> type : types) {
                    tables.bind(upsert, table, column -> switch (column) {
                        case "extracted_at", "synced_at" -> now;
                        case "is_deleted" -> Boolean.FALSE;
                        default -> type.get(column);
                    });
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return types.size();
        });
    }

    public void setTables(WarehouseTables tables) { this.tables = tables; }
}
