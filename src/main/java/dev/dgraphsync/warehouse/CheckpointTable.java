package dev.dgraphsync.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        try (Connection c = tables.connect();
             PreparedStatement s = c.prepareStatement(
                     "SELECT cursor_from, next_from, after_uid FROM sync_checkpoint WHERE entity = ?")) {
            s.setString(1, entity);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Checkpoint(r.getObject(1, OffsetDateTime.class),
                        r.getObject(2, OffsetDateTime.class), r.getString(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new WarehouseUnavailableException(e);
        }
    }

    /** Idempotent: saving the same checkpoint twice leaves the same row. */
    public void save(Connection c, String entity, Checkpoint checkpoint) throws SQLException {
        TableDef table = tables.checkpoint();
        try (PreparedStatement s = c.prepareStatement(tables.upsert(table))) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            tables.bind(s, table, column -> switch (column) {
                case "entity" -> entity;
                case "cursor_from" -> checkpoint.from();
                case "next_from" -> checkpoint.nextFrom();
                case "after_uid" -> checkpoint.afterUid();
                case "updated_at" -> now;
                default -> throw new IllegalArgumentException(column);
            });
            s.executeUpdate();
        }
    }

    /** Forgets where an entity stands, so that its next run re-reads it from the beginning. */
    public boolean reset(String entity) {
        try (Connection c = tables.connect();
             PreparedStatement s = c.prepareStatement("DELETE FROM sync_checkpoint WHERE entity = ?")) {
            s.setString(1, entity);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new WarehouseUnavailableException(e);
        }
    }
}
