package dev.dgraphsync.warehouse;

import dev.dgraphsync.mapping.ColumnSpec;
import dev.dgraphsync.mapping.ColumnType;
import dev.dgraphsync.mapping.EdgeSpec;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Flags the rows of an entity whose node Dgraph no longer has ({@code is_deleted}, {@code deleted_at}), and every
 * edge that touches them, in one transaction. Nothing is hard-deleted.
 *
 * <p>The rows that pointed at a gone node follow, as if they had been synced again: their reference to it
 * ({@code category_id}, {@code author_id} and the columns read through it) is cleared and their counts of it
 * ({@code related_products_count}) drop, so counts keep equalling the active edges.
 *
 * <p>Only rows synced before the id scan began are judged: a node created (and synced) while the scan ran may have
 * been past the scan's position, and is not gone.
 */
public class DeletionFlagger {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private WarehouseTables tables;
    private EntityCatalog catalog;

    /** What a reconciliation flagged. */
    public record Flagged(int rows, int edges) {
    }

    /**
     * Flags the entity's rows synced before {@code scanStartedAt} whose node {@code inDgraph} does not know, with
     * their edges and the references to them, in one transaction.
     */
    public Flagged flag(EntitySpec entity, Predicate<String> inDgraph, Instant scanStartedAt, int nodesInDgraph)
            throws SQLException {
        TableDef table = tables.entity(entity);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Flagged flagged = tables.inTransaction(c -> {
            List<String> gone = gone(c, table, inDgraph, scanStartedAt);
            if (!gone.isEmpty()) {
                followReferences(c, entity.type(), gone);
            }
            return new Flagged(gone.size(), flag(c, table, gone, now));
        });
        LOG.info("reconcile {}: {} nodes in Dgraph, {} rows and {} edges flagged deleted", entity.name(),
                nodesInDgraph, flagged.rows(), flagged.edges());
        return flagged;
    }

    private static List<String> gone(Connection c, TableDef table, Predicate<String> inDgraph, Instant scanStartedAt)
            throws SQLException {
        List<String> gone = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + table.key() + " FROM " + table.name()
                + " WHERE is_deleted = FALSE AND synced_at < ?")) {
            s.setObject(1, scanStartedAt.atOffset(ZoneOffset.UTC));
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!inDgraph.test(r.getString(1))) {
                        gone.add(r.getString(1));
                    }
                }
            }
        }
        return gone;
    }

    private static int flag(Connection c, TableDef table, List<String> gone, OffsetDateTime now) throws SQLException {
        if (gone.isEmpty()) {
            return 0;
        }
        try (PreparedStatement nodes = c.prepareStatement("UPDATE " + table.name()
                + " SET is_deleted = TRUE, deleted_at = ? WHERE " + table.key() + " = ?");
             PreparedStatement edges = c.prepareStatement("UPDATE relationship SET is_deleted = TRUE, deleted_at = ?"
                     + " WHERE is_deleted = FALSE AND (source_id = ? OR target_id = ?)")) {
            for (String uid : gone) {
                nodes.setObject(1, now);
                nodes.setString(2, uid);
                nodes.addBatch();
                edges.setObject(1, now);
                edges.setString(2, uid);
                edges.setString(3, uid);
                edges.addBatch();
            }
            nodes.executeBatch();
            int flagged = 0;
            for (int n : edges.executeBatch()) {
                flagged += Math.max(n, 0);
            }
            return flagged;
        }
    }

    /** Every entity's columns that point at nodes of {@code type}: counts drop by one per active edge, refs clear. */
    private void followReferences(Connection c, String type, List<String> gone) throws SQLException {
        for (EntitySpec entity : catalog.all()) {
            TableDef table = tables.entity(entity);
            for (ColumnSpec count : entity.columns()) {
                Optional<EdgeSpec> edge = entity.edge(count.field());
                if (count.type() == ColumnType.COUNT && edge.isPresent() && edge.get().target().equals(type)) {
                    batch(c, "UPDATE " + table.name() + " SET " + count.name() + " = " + count.name() + " - 1 WHERE "
                            + table.key() + " IN (SELECT source_id FROM relationship WHERE target_id = ?"
                            + " AND relationship_type = '" + edge.get().relationship() + "' AND is_deleted = FALSE)", gone);
                }
            }
            for (ColumnSpec ref : entity.columns()) {
                if (ref.type() == ColumnType.REF && entity.targetOf(ref).equals(type)) {
                    String cleared = entity.columns().stream()
                            .filter(x -> x.edgeField().equals(ref.edgeField()) && x.type() != ColumnType.COUNT)
                            .map(x -> x.name() + " = NULL").collect(Collectors.joining(", "));
                    batch(c, "UPDATE " + table.name() + " SET " + cleared + " WHERE " + ref.name() + " = ?", gone);
                }
            }
        }
    }

    private static void batch(Connection c, String sql, List<String> uids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (String uid : uids) {
                s.setString(1, uid);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void setTables(WarehouseTables tables) { this.tables = tables; }
    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
}
