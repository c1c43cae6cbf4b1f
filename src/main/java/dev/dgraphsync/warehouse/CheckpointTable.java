package dev.dgraphsync.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code sync_checkpoint} table: a row per entity, where its sync stands and its epoch, the fencing token of the
 * run that owns it. A run {@link #claim}s the entity as it opens (the epoch grows by one), and every batch it commits
 * {@link #save}s the checkpoint on the condition that the epoch is still its own, in the batch's transaction: a run
 * that a newer one has claimed past (an instance paused or cut off while another took over) cannot commit anything
 * more, whatever any election said.
 */
public class CheckpointTable {

    /** SQL's state for a duplicate key, H2's and PostgreSQL's alike. */
    private static final String UNIQUE_VIOLATION = "23505";

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

    /**
     * Claims the entity for a new run: its epoch grows by one (a first claim makes the row, at 1), in a transaction of
     * its own; from its commit on, no run that claimed it before can commit a batch. Returns the new epoch.
     */
    public long claim(String entity) {
        try {
            return claimOnce(entity);
        } catch (WarehouseException e) {
            // Two instances that claim an entity for the first time at once: one row is made, the other's insert is
            // refused as a duplicate; its claim is then an update like any later one.
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return claimOnce(entity);
            }
            throw e;
        }
    }

    private long claimOnce(String entity) {
        return tables.inTransaction("claiming " + entity + " in " + WarehouseTables.CHECKPOINT, c -> {
            if (update(c, "UPDATE " + WarehouseTables.CHECKPOINT + " SET epoch = COALESCE(epoch, 0) + 1 WHERE entity = ?",
                    entity) == 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + WarehouseTables.CHECKPOINT
                        + " (entity, epoch, updated_at) VALUES (?, 1, ?)")) {
                    s.setString(1, entity);
                    s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT epoch FROM " + WarehouseTables.CHECKPOINT
                    + " WHERE entity = ?")) {
                s.setString(1, entity);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /**
     * Saves the checkpoint on the caller's connection, in the transaction of the rows it covers, if the entity's epoch
     * is still {@code epoch}; otherwise a newer run owns the entity: {@link RunFencedException}, and the caller's
     * transaction rolls back. Run first in the transaction, it also holds the row until the commit, so that a newer
     * run's claim waits for this batch instead of passing it. Idempotent: saving the same checkpoint twice leaves the
     * same row.
     */
    public void save(Connection c, String entity, long epoch, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + WarehouseTables.CHECKPOINT + " SET cursor_from = ?,"
                + " next_from = ?, after_uid = ?, synced_columns = ?, updated_at = ? WHERE entity = ? AND epoch = ?")) {
            s.setObject(1, checkpoint.from());
            s.setObject(2, checkpoint.nextFrom());
            s.setString(3, checkpoint.afterUid());
            s.setString(4, checkpoint.shape());
            s.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            s.setString(6, entity);
            s.setLong(7, epoch);
            if (s.executeUpdate() == 0) {
                throw new RunFencedException(entity, epoch);
            }
        }
    }

    /**
     * Forgets where an entity stands, so that its next run re-reads it from the beginning; a run under way is fenced
     * (its epoch moves on), so that it cannot put an old position back.
     */
    public boolean reset(String entity) {
        return tables.inTransaction("resetting " + entity + " in " + WarehouseTables.CHECKPOINT, c ->
                update(c, "UPDATE " + WarehouseTables.CHECKPOINT + " SET cursor_from = NULL, next_from = NULL,"
                        + " after_uid = NULL, synced_columns = NULL, epoch = COALESCE(epoch, 0) + 1 WHERE entity = ?",
                        entity) > 0);
    }

    private static int update(Connection c, String sql, String entity) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, entity);
            return s.executeUpdate();
        }
    }
}
