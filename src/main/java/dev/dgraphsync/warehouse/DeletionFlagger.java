package dev.dgraphsync.warehouse;

import dev.dgraphsync.checkpoint.PageCursor;
import dev.dgraphsync.checkpoint.SyncRun;
import dev.dgraphsync.source.IdScan;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Flags the rows of an entity whose node Dgraph no longer has ({@code is_deleted}, {@code deleted_at}), and every
 * edge that touches them, in one transaction. Nothing is hard-deleted.
 *
 * <p>Only rows synced before the id scan began are judged: a node created (and synced) while the scan ran may have
 * been past the scan's position, and is not gone.
 */
public class DeletionFlagger implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private WarehouseTables tables;

    @Override
    public void process(Exchange exchange) throws SQLException {
        IdScan scan = exchange.getProperty(IdScan.PROPERTY, IdScan.class);
        SyncRun run = SyncRun.of(exchange);
        TableDef table = tables.entity(scan.entity());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = tables.warehouse().connect()) {
            c.setAutoCommit(false);
            try {
                List<String> gone = gone(c, table, scan);
                int edges = flag(c, table, gone, now);
                c.commit();
                run.committed(PageCursor.initial(), gone.size(), edges);
                LOG.info("reconcile {}: {} nodes in Dgraph, {} rows and {} edges flagged deleted", scan.entity().name(),
                        scan.size(), gone.size(), edges);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static List<String> gone(Connection c, TableDef table, IdScan scan) throws SQLException {
        List<String> gone = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + table.key() + " FROM " + table.name()
                + " WHERE is_deleted = FALSE AND synced_at < ?")) {
            s.setObject(1, scan.startedAt().atOffset(ZoneOffset.UTC));
            s.setFetchSize(10_000);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (!scan.contains(r.getString(1))) {
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

    public void setTables(WarehouseTables tables) { this.tables = tables; }
}
