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
                        case "repair_id" -> entity + "/" + uid;
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

    /** The uids waiting to be read again. */
    public List<String> pending(String entity) throws SQLException {
        List<String> uids = new ArrayList<>();
        try (Connection c = tables.connect();
             PreparedStatement s = c.prepareStatement("SELECT node_id FROM " + WarehouseTables.REPAIR + " WHERE entity = ?")) {
            s.setString(1, entity);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    uids.add(r.getString(1));
                }
            }
        }
        return uids;
    }

    /** Forgets the requests made before {@code before}: a pass that began after them has read them. */
    public void clear(String entity, OffsetDateTime before) throws SQLException {
        tables.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + WarehouseTables.REPAIR
                    + " WHERE entity = ? AND requested_at < ?")) {
                s.setString(1, entity);
                s.setObject(2, before);
                return s.executeUpdate();
            }
        });
    }
}
