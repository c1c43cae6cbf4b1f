package dev.dgraphsync.warehouse;

import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.mapping.Row;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes one batch of an entity in a single transaction: the node rows, the edges those nodes own brought to what
 * they own now, and the checkpoint that covers exactly these rows. Every statement is a JDBC batch: one round trip
 * per table, never one per row.
 *
 * <p>Only what changed is written. The rows the warehouse does not have yet are inserted, the others upserted. The
 * nodes' edges are read in one query: the ones a node no longer has are retired ({@code is_deleted}), the ones it
 * did not have are written (an edge retired earlier comes back), and an edge it still has is left as it is. A node
 * new to the warehouse retires nothing.
 */
public class BatchWriter {

    private WarehouseTables tables;
    private CheckpointTable checkpoints;

    /** What a batch changed in {@code relationship}. */
    public record EdgeChanges(int added, int retired) {
        static final EdgeChanges NONE = new EdgeChanges(0, 0);
    }

    /**
     * Commits the batch and the checkpoint of {@code job}, or nothing: a refusal or a lost connection is a
     * {@link WarehouseWriteException} naming the batch, and the checkpoint stays where it was; a run that a newer run
     * has claimed past ({@code epoch} no longer the entity's) commits nothing either ({@link RunFencedException}).
     */
    public EdgeChanges commit(String job, EntitySpec entity, List<Row> nodes, List<Row> edges, long epoch,
                              Checkpoint checkpoint) {
        try {
            return tables.inTransaction("writing a batch of " + job, c -> {
                tables.warehouse().limitIdleTransactions(c);
                // First: the run proves it still owns the entity, and holds its checkpoint row until the commit.
                checkpoints.save(c, job, epoch, checkpoint);
                return write(c, entity, nodes, edges, OffsetDateTime.now(ZoneOffset.UTC));
            });
        } catch (RunFencedException fenced) {
            throw fenced;
        } catch (WarehouseException e) {
            String lastUid = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1).uid();
            throw new WarehouseWriteException(job, nodes.size(), edges.size(), lastUid, e);
        }
    }

    /** Whether batches of different entities are best committed at the same time ({@link WarehouseDialect}). */
    public boolean writesInParallel() {
        return tables.warehouse().dialect().writesInParallel();
    }

    private EdgeChanges write(Connection c, EntitySpec entity, List<Row> nodes, List<Row> edges, OffsetDateTime now)
            throws SQLException {
        if (nodes.isEmpty()) {
            return EdgeChanges.NONE;
        }
        TableDef table = tables.entity(entity);
        Set<String> known = known(c, "SELECT " + table.key() + ", FALSE FROM " + table.name() + " WHERE " + table.key()
                + " = ANY(?)", nodes, new HashSet<>());
        write(c, table, nodes, known, now);
        List<String> relationships = entity.relationshipTypes();
        if (relationships.isEmpty()) {
            return EdgeChanges.NONE;
        }
        // Every edge these nodes own in the warehouse, retired ones included; the active ones collected apart.
        Set<String> active = new HashSet<>();
        Set<String> stored = known(c, "SELECT edge_id, is_deleted FROM " + WarehouseTables.RELATIONSHIP + " WHERE source_id = ANY(?)"
                + " AND relationship_type IN (" + String.join(", ", relationships.stream().map(r -> "'" + r + "'").toList())
                + ")", nodes, active);
        Map<String, Row> current = new LinkedHashMap<>();
        for (Row edge : edges) {
            current.put((String) edge.values().get("edge_id"), edge);
        }
        List<Row> added = current.entrySet().stream().filter(e -> !active.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
        List<String> retired = active.stream().filter(id -> !current.containsKey(id)).toList();
        retire(c, retired, now);
        write(c, tables.relationship(), added, stored, now);
        return new EdgeChanges(added.size(), retired.size());
    }

    /**
     * The keys of these nodes' rows (or of their edges) that the warehouse has, whatever their {@code is_deleted};
     * those not deleted are also put in {@code active}. The query selects the key, then {@code is_deleted}.
     */
    private static Set<String> known(Connection c, String sql, List<Row> nodes, Set<String> active) throws SQLException {
        Set<String> known = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("VARCHAR", nodes.stream().map(Row::uid).toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    known.add(r.getString(1));
                    if (!r.getBoolean(2)) {
                        active.add(r.getString(1));
                    }
                }
            }
        }
        return known;
    }

    /** Rows the table does not have yet are inserted (cheaper than a merge); the others are upserted. */
    private void write(Connection c, TableDef table, List<Row> rows, Set<String> known, OffsetDateTime now)
            throws SQLException {
        List<Row> fresh = new ArrayList<>();
        List<Row> again = new ArrayList<>();
        for (Row row : rows) {
            (known.contains((String) row.values().get(table.key())) ? again : fresh).add(row);
        }
        batch(c, tables.insert(table), table, fresh, now);
        batch(c, tables.upsert(table), table, again, now);
    }

    private void batch(Connection c, String sql, TableDef table, List<Row> rows, OffsetDateTime now) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Row row : rows) {
                tables.bind(s, table, row.values(), now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void retire(Connection c, List<String> edgeIds, OffsetDateTime now) throws SQLException {
        if (edgeIds.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE " + WarehouseTables.RELATIONSHIP + " SET is_deleted = TRUE, deleted_at = ? WHERE edge_id = ?")) {
            for (String id : edgeIds) {
                s.setObject(1, now);
                s.setString(2, id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void setTables(WarehouseTables tables) { this.tables = tables; }
    public void setCheckpoints(CheckpointTable checkpoints) { this.checkpoints = checkpoints; }
}
