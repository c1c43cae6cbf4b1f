package dev.dgraphsync.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code sync_checkpoint} table. {@link #save} takes the caller's connection so that a checkpoint commits with
 * the rows it covers, or not at all.
 */
public class CheckpointTable {

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    public Optional<Checkpoint> load(String entity) {
        return tables.read("reading " + WarehouseTables.CHECKPOINT, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT cursor_from, next_from, after_uid, synced_columns FROM "
                    + WarehouseTables.CHECKPOINT + " WHERE entity = ?")) {
                s.setString(1, entity);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Checkpoint(r.getObject(1, OffsetDateTime.class),
                            r.getObject(2, OffsetDateTime.class), r.getString(3), r.getString(4))) : Optional.empty();
                }
            }
        });
    }

    /** Idempotent: saving the same checkpoint twice leaves the same row. */
    public void save(Connection c, String entity, Checkpoint checkpoint) throws SQLException {
        Map<String, Object> row = new HashMap<>();
        row.put("entity", entity);
        row.put("cursor_from", checkpoint.from());
        row.put("next_from", checkpoint.nextFrom());
        row.put("after_uid", checkpoint.afterUid());
        row.put("synced_columns", checkpoint.shape());
        row.put("updated_at", OffsetDateTime.now(java.time.ZoneOffset.UTC));
        tables.upsert(c, tables.checkpoint(), List.of(row));
    }

    /** Forgets where an entity stands, so that its next run re-reads it from the beginning. */
    public boolean reset(String entity) {
        return tables.inTransaction("resetting " + entity + " in " + WarehouseTables.CHECKPOINT, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + WarehouseTables.CHECKPOINT
                    + " WHERE entity = ?")) {
                s.setString(1, entity);
                return s.executeUpdate() > 0;
            }
        });
    }
}
