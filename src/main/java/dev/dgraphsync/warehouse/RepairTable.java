package dev.dgraphsync.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sync_repair} table: nodes that {@code verify --repair} found differing, for the next run of their
 * entity to read again by id (beside the nodes whose cursor moved); cleared once a pass has read them.
 */
public class RepairTable {

    /** A node waiting to be read again, as {@code verify --repair} asked for it. */
    public record Request(String nodeId, OffsetDateTime requestedAt) {
    }

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    public void request(String entity, List<String> uids, OffsetDateTime at) throws SQLException {
        TableDef table = tables.repair();
        tables.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(tables.upsert(table))) {
                for (String uid : uids) {
                    tables.bind(s, table, column -> switch (column) {
                        case "repair_id" -> key(entity, uid);
                        case "entity" -> entity;
                        case "node_id" -> uid;
                        case "requested_at" -> at;
                        default -> throw new IllegalArgumentException(column);
                    });
                    s.addBatch();
                }
                return s.executeBatch().length;
            }
        });
    }

    /** The nodes waiting to be read again. */
    public List<Request> pending(String entity) throws SQLException {
        List<Request> requests = new ArrayList<>();
        try (Connection c = tables.connect(); PreparedStatement s = c.prepareStatement("SELECT node_id, requested_at FROM "
                + WarehouseTables.REPAIR + " WHERE entity = ?")) {
            s.setString(1, entity);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    requests.add(new Request(r.getString(1), r.getObject(2, OffsetDateTime.class)));
                }
            }
        }
        return requests;
    }

    /**
     * Forgets these requests, as {@link #pending} found them, once a pass has read their nodes: not one made since (a
     * {@code verify --repair} that ran beside the pass dates its requests from its own start, which can be before the
     * pass began), nor one asked again since.
     */
    public void clear(String entity, List<Request> read) throws SQLException {
        if (read.isEmpty()) {
            return;
        }
        tables.inTransaction(c -> {
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
