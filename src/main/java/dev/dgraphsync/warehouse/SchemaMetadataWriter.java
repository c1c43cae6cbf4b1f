package dev.dgraphsync.warehouse;

import dev.dgraphsync.checkpoint.PageCursor;
import dev.dgraphsync.checkpoint.SyncRun;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.sql.Connection;
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
public class SchemaMetadataWriter implements Processor {

    private WarehouseTables tables;

    @Override
    public void process(Exchange exchange) throws SQLException {
        SyncRun run = SyncRun.of(exchange);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> types = exchange.getMessage().getBody(List.class);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        TableDef table = tables.schemaMetadata();
        try (Connection c = tables.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement retire = c.prepareStatement(
                    "UPDATE schema_metadata SET is_deleted = TRUE, deleted_at = ? WHERE is_deleted = FALSE");
                 PreparedStatement upsert = c.prepareStatement(tables.upsert(table))) {
                retire.setObject(1, now);
                retire.executeUpdate();
                for (Map<String, Object> type : types) {
                    int i = 1;
                    for (String column : table.columnNames()) {
                        upsert.setObject(i++, switch (column) {
                            case "extracted_at", "synced_at" -> now;
                            case "is_deleted" -> Boolean.FALSE;
                            default -> type.get(column);
                        });
                    }
                    upsert.addBatch();
                }
                upsert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        run.committed(PageCursor.initial(), types.size(), 0);
    }

    public void setTables(WarehouseTables tables) { this.tables = tables; }
}
