package dev.dgraphsync.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code sync_repair} table: nodes that {@code verify --repair} found differing, for the next run of their
 * entity to read again by id (beside the nodes whose cursor moved), or to flag deleted when they are gone; cleared
 * once a pass has done so.
 */
public class RepairTable {

    /** A node waiting to be read again, as {@code verify --repair} asked for it. */
    public record Request(String nodeId, OffsetDateTime requestedAt) {
    }

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    public void request(String entity, List<String> uids, OffsetDateTime at) {
        tables.upsert(tables.repair(), uids.stream().map(uid -> Map.of("repair_id", key(entity, uid), "entity", entity,
                "node_id", uid, "requested_at", at)).toList());
    }

    /** Requests for nodes that changed at {@code changedAt} (as their source saw it), in the caller's transaction. */
    void requestChanged(Connection c, String entity, Collection<String> uids, OffsetDateTime at, OffsetDateTime changedAt)
            throws SQLException {
        tables.upsert(c, tables.repair(), uids.stream().map(uid -> Map.of("repair_id", key(entity, uid), "entity", entity,
                "node_id", uid, "requested_at", at, "changed_at", changedAt)).toList());
    }

    /** When the oldest change still waiting to be read again was seen by its source; null when none waits. */
    public OffsetDateTime oldestChange() {
        return tables.read("reading " + WarehouseTables.REPAIR, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MIN(changed_at) FROM " + WarehouseTables.REPAIR);
                 ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1, OffsetDateTime.class) : null;
            }
        });
    }

    /** The entities some of whose nodes wait to be read again. */
    public List<String> entitiesWaiting() {
        return tables.read("reading " + WarehouseTables.REPAIR, c -> {
            List<String> entities = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT entity FROM " + WarehouseTables.REPAIR
                    + " ORDER BY entity"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    entities.add(r.getString(1));
                }
            }
            return entities;
        });
    }

    /** The nodes waiting to be read again. */
    public List<Request> pending(String entity) {
        return tables.read("reading " + WarehouseTables.REPAIR, c -> {
            List<Request> requests = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT node_id, requested_at FROM " + WarehouseTables.REPAIR
                    + " WHERE entity = ?")) {
                s.setString(1, entity);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        requests.add(new Request(r.getString(1), r.getObject(2, OffsetDateTime.class)));
                    }
                }
            }
            return requests;
        });
    }

    /**
     * Forgets these requests, as {@link #pending} found them, once a pass has read their nodes: not one made since (a
     * {@code verify --repair} that ran beside the pass dates its requests from its own start, which can be before the
     * pass began), nor one asked again since.
     */
    public void clear(String entity, List<Request> read) {
        if (read.isEmpty()) {
            return;
        }
        tables.inTransaction("clearing " + WarehouseTables.REPAIR, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + WarehouseTables.REPAIR
                    + " WHERE repair_id = ? AND requested_at = ?")) {
                for (Request request : read) {
                    s.setString(1, key(entity, request.nodeId()));
                    s.setObject(2, request.requestedAt());
                    s.addBatch();
                }
                return s.executeBatch().length;
            }
        });
    }

    private static String key(String entity, String uid) {
        return entity + "/" + uid;
    }
}
