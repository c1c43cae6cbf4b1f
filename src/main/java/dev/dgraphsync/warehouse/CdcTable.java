package dev.dgraphsync.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;

/**
 * The {@code sync_cdc} table: how far change data capture has been applied. The nodes a window of changes touched go
 * into {@code sync_repair} in the same transaction as the position they bring the source to, so that a stop at any
 * moment leaves both or neither.
 */
public class CdcTable {

    /** The position stored: the highest commit_ts applied, and the Kafka offsets ({@code topic/partition=offset,…}). */
    public record Position(long commitTs, String offsets) {
    }

    /** The one source a process reads. */
    private static final String SOURCE = "dgraph";

    private WarehouseTables tables;
    private RepairTable repairs;

    public void setTables(WarehouseTables tables) { this.tables = tables; }
    public void setRepairs(RepairTable repairs) { this.repairs = repairs; }

    /** The stored position; null before the first window is applied. */
    public Position position() {
        return tables.read("reading " + WarehouseTables.CDC, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT commit_ts, offsets FROM " + WarehouseTables.CDC
                    + " WHERE source_id = ?")) {
                s.setString(1, SOURCE);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new Position(r.getLong(1), r.getString(2)) : null;
                }
            }
        });
    }

    /**
     * In one transaction: a request in {@code sync_repair} for each node changed (uids by entity), and the position
     * they bring the source to.
     */
    public void apply(Map<String, ? extends Collection<String>> uidsByEntity, OffsetDateTime changedAt, Position position) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        tables.inTransaction("writing " + WarehouseTables.CDC, c -> {
            for (Map.Entry<String, ? extends Collection<String>> entity : uidsByEntity.entrySet()) {
                repairs.requestChanged(c, entity.getKey(), entity.getValue(), now, changedAt);
            }
            tables.upsert(c, tables.cdc(), java.util.List.of(Map.of("source_id", SOURCE, "commit_ts", position.commitTs(),
                    "offsets", position.offsets(), "updated_at", now)));
            return null;
        });
    }
}
