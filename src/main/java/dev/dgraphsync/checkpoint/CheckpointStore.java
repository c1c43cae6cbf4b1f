package dev.dgraphsync.checkpoint;

import dev.dgraphsync.warehouse.WarehouseDialect;
import dev.dgraphsync.warehouse.WarehouseTables;
import dev.dgraphsync.warehouse.WarehouseUnavailableException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Each entity's {@link PageCursor}, kept in the warehouse's {@code sync_checkpoint} table. {@link #save} takes the
 * caller's connection so that a checkpoint commits with the rows it covers, or not at all.
 */
public class CheckpointStore {

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    public PageCursor load(String entity) {
        try (Connection c = tables.connect();
             PreparedStatement s = c.prepareStatement(
                     "SELECT cursor_from, next_from, after_uid FROM sync_checkpoint WHERE entity = ?")) {
            s.setString(1, entity);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return PageCursor.initial();
                }
                return new PageCursor(r.getObject(1, OffsetDateTime.class), r.getObject(2, OffsetDateTime.class),
                        r.getString(3));
            }
        } catch (SQLException e) {
            throw new WarehouseUnavailableException(e);
        }
    }

    /** Idempotent: saving the same cursor twice leaves the same row. */
    public void save(Connection c, String entity, PageCursor cursor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(tables.upsert(tables.checkpoint()))) {
            s.setString(1, entity);
            WarehouseDialect dialect = tables.warehouse().dialect();
            s.setObject(2, dialect.bindable(cursor.from()));
            s.setObject(3, dialect.bindable(cursor.nextFrom()));
            s.setString(4, cursor.afterUid());
            s.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
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
