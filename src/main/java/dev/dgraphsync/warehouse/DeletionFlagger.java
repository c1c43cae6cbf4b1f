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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
     * Whether the entity has a row that a scan begun at {@code scanStartedAt} can judge: a live row synced before it.
     * A table that a run fills while the scan goes on (a new warehouse's first run) has none, so its scan is skipped;
     * a node deleted meanwhile is flagged by the next reconciliation, like any row synced after a scan began.
     */
    public boolean hasRowsToJudge(EntitySpec entity, Instant scanStartedAt) {
        TableDef table = tables.entity(entity);
        return tables.read("reading " + table.name(), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + table.key() + " FROM " + table.name()
                    + " WHERE is_deleted = FALSE AND synced_at < ?")) {
                s.setMaxRows(1);
                s.setObject(1, scanStartedAt.atOffset(ZoneOffset.UTC));
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    /**
     * Flags the entity's rows synced before {@code scanStartedAt} whose node {@code inDgraph} does not know, with
     * their edges and the references to them, in one transaction.
     */
    public Flagged flag(EntitySpec entity, Predicate<String> inDgraph, Instant scanStartedAt, int nodesInDgraph,
                        EdgeTargets pointedAt) {
        TableDef table = tables.entity(entity);
        List<String> dangling = pointedAt.of(entity.type()).stream().filter(inDgraph.negate()).toList();
        Flagged flagged = tables.inTransaction("flagging deleted rows of " + table.name(), c -> {
            Flagged rows = flag(c, entity, gone(c, table, inDgraph, scanStartedAt));
            return new Flagged(rows.rows(), rows.edges() + flag(c, entity, dangling).edges());
        });
        LOG.info("reconcile {}: {} nodes in Dgraph, {} rows and {} edges flagged deleted", entity.name(),
                nodesInDgraph, flagged.rows(), flagged.edges());
        return flagged;
    }

    /**
     * Flags the entity's active rows of these uids, nodes Dgraph has just said are gone from the entity's type, with
     * their edges and the references to them, in one transaction.
     */
    public Flagged flagGone(EntitySpec entity, List<String> uids) {
        TableDef table = tables.entity(entity);
        return tables.inTransaction("flagging deleted rows of " + table.name(), c -> {
            List<String> active = new ArrayList<>();
            for (int i = 0; i < uids.size(); i += CHUNK) {
                try (PreparedStatement s = c.prepareStatement("SELECT " + table.key() + " FROM " + table.name()
                        + " WHERE " + table.key() + " = ANY(?) AND is_deleted = FALSE")) {
                    s.setArray(1, c.createArrayOf("VARCHAR", uids.subList(i, Math.min(uids.size(), i + CHUNK)).toArray()));
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            active.add(r.getString(1));
                        }
                    }
                }
            }
            return flag(c, entity, active);
        });
    }

    private Flagged flag(Connection c, EntitySpec entity, List<String> gone) throws SQLException {
        List<String> chunks = chunks(tables.entity(entity), gone);
        int edges = flag(c, tables.entity(entity), chunks, OffsetDateTime.now(ZoneOffset.UTC));
        followReferences(c, chunks, entity.type());
        return new Flagged(gone.size(), edges);
    }

    /**
     * The keys Dgraph does not know are found in the key's index alone (a tenth of reading every row or less: at 100,000
     * products 4-142 ms against 301-1,071 ms); only those few rows are then read, to judge them.
     */
    private static List<String> gone(Connection c, TableDef table, Predicate<String> inDgraph, Instant scanStartedAt)
            throws SQLException {
        List<String> unknown = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + table.key() + " FROM " + table.name())) {
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!inDgraph.test(r.getString(1))) {
                        unknown.add(r.getString(1));
                    }
                }
            }
        }
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < unknown.size(); i += CHUNK) {
            try (PreparedStatement s = c.prepareStatement("SELECT " + table.key() + " FROM " + table.name()
                    + " WHERE " + table.key() + " = ANY(?) AND is_deleted = FALSE AND synced_at < ?")) {
                s.setArray(1, c.createArrayOf("VARCHAR", unknown.subList(i, Math.min(unknown.size(), i + CHUNK)).toArray()));
                s.setObject(2, scanStartedAt.atOffset(ZoneOffset.UTC));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        gone.add(r.getString(1));
                    }
                }
            }
        }
        return gone;
    }

    /**
     * The nodes that active edges point at, by type, among the edges first seen before {@code firstSeenBefore}: one
     * read of the relationship table for a whole reconciliation. Those of them that an entity's id scan does not find
     * are gone from Dgraph though edges still point at them, their rows (if any) flagged before: a batch of another
     * entity read before such a node went, committed after it was flagged (a review's product), or an edge to a node
     * deleted before its own entity's first run reached it. Their references are cleared as a gone node's are. An
     * edge first seen before the reconciliation began points at a node that was there when the scans began, so a scan
     * knows it if it is still there.
     */
    public EdgeTargets edgeTargets(Instant firstSeenBefore) {
        return tables.read("reading " + WarehouseTables.RELATIONSHIP, c -> {
            // Told apart here, not by the database (an embedded one sorts the whole table for a DISTINCT).
            Map<String, Set<String>> byType = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT target_type, target_id FROM "
                    + WarehouseTables.RELATIONSHIP + " WHERE is_deleted = FALSE AND created_at < ?")) {
                s.setFetchSize(10_000);
                s.setObject(1, firstSeenBefore.atOffset(ZoneOffset.UTC));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        byType.computeIfAbsent(r.getString(1), t -> new HashSet<>()).add(r.getString(2));
                    }
                }
            }
            return new EdgeTargets(byType);
        });
    }

    /** What active edges point at, by the target's type ({@link #edgeTargets}). */
    public record EdgeTargets(Map<String, Set<String>> byType) {

        public static final EdgeTargets NONE = new EdgeTargets(Map.of());

        Set<String> of(String type) {
            return byType.getOrDefault(type, Set.of());
        }
    }

    /** Gone uids per statement: each statement reads the relationship table once, whatever the number. */
    private static final int CHUNK = 10_000;

    /** Flags the gone rows and every edge from or to them; returns how many edges. */
    private static int flag(Connection c, TableDef table, List<String> chunks, OffsetDateTime now) throws SQLException {
        int edges = 0;
        for (String in : chunks) {
            update(c, "UPDATE " + table.name() + " SET is_deleted = TRUE, deleted_at = ? WHERE is_deleted = FALSE AND "
                    + table.key() + in, now);
            // Their own edges through the source index; the edges pointing at them in one pass over the table.
            edges += update(c, "UPDATE " + WarehouseTables.RELATIONSHIP + " SET is_deleted = TRUE, deleted_at = ? WHERE is_deleted = FALSE"
                    + " AND source_id" + in, now);
            edges += update(c, "UPDATE " + WarehouseTables.RELATIONSHIP + " SET is_deleted = TRUE, deleted_at = ? WHERE is_deleted = FALSE"
                    + " AND target_id" + in, now);
        }
        return edges;
    }

    /**
     * Every entity's columns that point at nodes of {@code type}, once the edges to the gone nodes are flagged: counts
     * are counted again from the active edges, refs clear. A count is set, never decremented: two flaggings of one node
     * at once (a run's requested nodes beside the reconciliation, each its own transaction) or a batch that rewrote the
     * row meanwhile leave it right, where two decrements took one edge off twice. A statement per column and chunk of
     * gone nodes, never one per node (the warehouse may not index references: {@link WarehouseDialect#indexesReferences}).
     */
    private void followReferences(Connection c, List<String> chunks, String type) throws SQLException {
        for (String in : chunks) {
            for (EntitySpec entity : catalog.all()) {
                TableDef table = tables.entity(entity);
                for (ColumnSpec count : entity.columns()) {
                    Optional<EdgeSpec> edge = entity.edge(count.field());
                    if (count.type() == ColumnType.COUNT && edge.isPresent() && edge.get().target().equals(type)) {
                        String ofType = " FROM " + WarehouseTables.RELATIONSHIP + " r WHERE r.relationship_type = '"
                                + edge.get().relationship() + "'";
                        update(c, "UPDATE " + table.name() + " t SET " + count.name() + " = (SELECT COUNT(*)" + ofType
                                + " AND r.is_deleted = FALSE AND r.source_id = t." + table.key() + ") WHERE t."
                                + table.key() + " IN (SELECT r.source_id" + ofType + " AND r.target_id" + in + ")", null);
                    }
                }
                for (ColumnSpec ref : entity.columns()) {
                    if (ref.type() == ColumnType.REF && entity.targetOf(ref).equals(type)) {
                        String cleared = entity.columns().stream()
                                .filter(x -> x.edgeField().equals(ref.edgeField()) && x.type() != ColumnType.COUNT)
                                .map(x -> x.name() + " = NULL").collect(Collectors.joining(", "));
                        update(c, "UPDATE " + table.name() + " SET " + cleared + " WHERE " + ref.name() + in, null);
                    }
                }
            }
        }
    }

    /** The gone uids as {@code " IN (...)"} clauses of at most {@link #CHUNK} constants ({@link UidConstants}). */
    private static List<String> chunks(TableDef table, List<String> uids) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < uids.size(); i += CHUNK) {
            chunks.add(" IN (" + UidConstants.of(table.name() + "." + table.key(),
                    uids.subList(i, Math.min(uids.size(), i + CHUNK))) + ")");
        }
        return chunks;
    }

    /** Runs an update whose one parameter, if any, is {@code now}. */
    private static int update(Connection c, String sql, OffsetDateTime now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (now != null) {
                s.setObject(1, now);
            }
            return s.executeUpdate();
        }
    }

    public void setTables(WarehouseTables tables) { this.tables = tables; }
    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
}
