package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.Row;
import dev.dgraphsync.mapping.RowExtractor;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.warehouse.Warehouse;
import dev.dgraphsync.warehouse.WarehouseWriteException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code warehouse-batch} route of routes/sync-entity.camel.yaml, as shipped (with every other route and bean):
 * rows in, batches out, each with its checkpoint in one transaction.
 */
class WarehouseBatchRouteTest {

    private static ShippedRoutes routes;
    private static EntityCatalog catalog;
    private static CheckpointStore checkpoints;
    private static WriterThreads writers;
    private static Warehouse warehouse;
    private static ProducerTemplate template;

    @BeforeAll
    static void shippedRoutes() throws Exception {
        routes = ShippedRoutes.start((path, body) -> {
            throw new java.io.IOException("no Dgraph here");
        }, Map.of());
        catalog = routes.bean("entityCatalog", EntityCatalog.class);
        checkpoints = routes.bean("checkpointStore", CheckpointStore.class);
        writers = routes.bean("writerThreads", WriterThreads.class);
        warehouse = routes.bean("warehouse", Warehouse.class);
        template = routes.camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        routes.close();
    }

    /** Each test its own product table and checkpoint. */
    @BeforeEach
    void emptyWarehouse() throws SQLException {
        execute("DELETE FROM product");
        execute("DELETE FROM relationship");
        checkpoints.reset("product");
    }

    @Test
    void aBatchCommitsEveryCheckpointIntervalRecordsOnARecordBoundaryWithItsCheckpoint() throws Exception {
        SyncRun run = run(3);
        List<Row> rows = products(7);

        send(run, rows.subList(0, 7));     // records 1-2 and the node of record 3: not yet a whole batch
        run.lane().drain();
        assertThat(count("product")).isZero();
        send(run, rows.subList(7, 8));     // record 3's first edge: record 3 is not closed yet
        run.lane().drain();
        assertThat(count("product")).isZero();
        send(run, rows.subList(8, 18));    // record 3 closes (a batch), then records 4-6 (another)
        run.lane().drain();
        assertThat(count("product")).isEqualTo(6);
        assertThat(count("relationship")).isEqualTo(12);
        assertThat(checkpoints.load("product").afterUid()).isEqualTo("0x6");

        send(run, rows.subList(18, 21));
        send(run, List.of(Row.end(run.entity())));
        run.lane().drain();
        assertThat(count("product")).isEqualTo(7);
        assertThat(checkpoints.load("product")).isEqualTo(run.committed()).satisfies(c -> {
            assertThat(c.inPass()).isFalse();
            assertThat(c.from()).isEqualTo(run.cursorBefore().nextFrom());
        });
        assertThat(run.rows()).isEqualTo(7);
        assertThat(run.edges()).isEqualTo(14);
    }

    @Test
    void aBatchTheWarehouseRefusesFailsTheRunAndLeavesTheCheckpointAtTheLastCommittedBatch() throws Exception {
        SyncRun run = run(2);
        List<Row> rows = products(6);
        send(run, rows.subList(0, 6));
        run.lane().drain();
        assertThat(checkpoints.load("product").afterUid()).isEqualTo("0x2");

        run.lane().drain();
        execute("ALTER TABLE relationship RENAME TO relationship_away");
        send(run, rows.subList(6, 12));
        assertThatThrownBy(() -> run.lane().drain()).isInstanceOf(WarehouseWriteException.class)
                .hasMessageContaining("product: the warehouse refused a batch of 2 rows and 4 edges ending at uid 0x4");

        execute("ALTER TABLE relationship_away RENAME TO relationship");
        send(run, rows.subList(12, 18));
        send(run, List.of(Row.end(run.entity())));
        run.lane().settle();
        assertThatThrownBy(() -> run.lane().drain()).as("the failure stays the run's")
                .isInstanceOf(WarehouseWriteException.class);
        assertThat(count("product")).as("nothing after the failed batch is written").isEqualTo(2);
        assertThat(checkpoints.load("product").afterUid()).isEqualTo("0x2");
    }

    @Test
    void onlyTheEdgesThatChangedAreWrittenAndAnEdgeThatComesBackIsActiveAgain() throws Exception {
        SyncRun first = run(10);
        send(first, products(2));
        send(first, List.of(Row.end(first.entity())));
        first.lane().drain();
        String untouched = "SELECT synced_at FROM relationship WHERE edge_id = '0x1_BELONGS_TO_CATEGORY_0x100'";
        Object syncedBefore = query(untouched);

        SyncRun second = run(10);
        List<Row> changed = new ArrayList<>();
        RowExtractor.extract(catalog.get("product"), DgraphResponse.JSON.readTree("""
                {"uid":"0x1","Product.sku":"S1","Product.name":"p","Product.category":{"uid":"0x100"},
                 "Product.attributes":[{"uid":"0x201"}],"Product.updatedAt":"2025-01-02T00:00:00Z"}"""), changed);
        send(second, changed);
        send(second, List.of(Row.end(second.entity())));
        second.lane().drain();

        assertThat(query("SELECT is_deleted FROM relationship WHERE edge_id = '0x1_HAS_ATTRIBUTE_0x200'")).isEqualTo(true);
        assertThat(query("SELECT is_deleted FROM relationship WHERE edge_id = '0x1_HAS_ATTRIBUTE_0x201'")).isEqualTo(false);
        assertThat(query(untouched)).as("an unchanged edge is not rewritten").isEqualTo(syncedBefore);
        assertThat(query("SELECT COUNT(*) FROM relationship WHERE is_deleted = FALSE")).isEqualTo(4L);

        SyncRun third = run(10);
        send(third, products(1));
        send(third, List.of(Row.end(third.entity())));
        third.lane().drain();
        assertThat(query("SELECT is_deleted FROM relationship WHERE edge_id = '0x1_HAS_ATTRIBUTE_0x200'"))
                .as("an edge the node has again is active again").isEqualTo(false);
        assertThat(query("SELECT is_deleted FROM relationship WHERE edge_id = '0x1_HAS_ATTRIBUTE_0x201'")).isEqualTo(true);
    }

    private Object query(String sql) throws SQLException {
        try (Connection c = warehouse.connect(); var r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getObject(1);
        }
    }

    private SyncRun run(int checkpointInterval) {
        PageCursor cursor = PageCursor.initial().beginPass(OffsetDateTime.now(), java.time.Duration.ofMinutes(5));
        return new SyncRun(catalog.get("product"), cursor, checkpoints.claim("product"), 100, checkpointInterval, 2,
                writers.executor());
    }

    /** {@code n} product records with uids 0x1…, each a node row then two edge rows (category, attribute). */
    private List<Row> products(int n) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            RowExtractor.extract(catalog.get("product"), DgraphResponse.JSON.readTree("""
                    {"uid":"0x%x","Product.sku":"S%d","Product.name":"p","Product.price":1.5,"Product.inStock":true,
                     "Product.category":{"uid":"0x100"},"Product.attributes":[{"uid":"0x200"}],
                     "Product.updatedAt":"2025-01-01T00:00:00Z"}""".formatted(i, i)), rows);
        }
        return rows;
    }

    private void send(SyncRun run, List<Row> rows) {
        for (Row row : rows) {
            template.send("direct:warehouse-batch", e -> {
                run.attachTo(e);
                e.getMessage().setBody(row);
            });
        }
    }

    private long count(String table) throws SQLException {
        try (Connection c = warehouse.connect(); var r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = warehouse.connect()) {
            c.createStatement().execute(sql);
        }
    }
}
