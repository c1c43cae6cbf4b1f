package dev.dgraphsync.run;

import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.Row;
import dev.dgraphsync.mapping.RowExtractor;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.warehouse.BatchWriter;
import dev.dgraphsync.warehouse.CheckpointTable;
import dev.dgraphsync.warehouse.RunFencedException;
import dev.dgraphsync.warehouse.RunTable;
import dev.dgraphsync.warehouse.WarehouseTables;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each run claims its entity as it opens (an epoch that only grows), and every batch proves it still holds the claim
 * in its own transaction: a run that a newer one claimed past commits nothing more, whatever the instances believe.
 */
class FencingTest {

    private final EntityCatalog catalog = InMemoryWarehouse.catalog();
    private final WarehouseTables tables = InMemoryWarehouse.tables(catalog);
    private final CheckpointTable checkpoints = new CheckpointTable();
    private final BatchWriter writer = new BatchWriter();

    FencingTest() {
        tables.create();
        checkpoints.setTables(tables);
        writer.setTables(tables);
        writer.setCheckpoints(checkpoints);
    }

    @Test
    void aLateBatchOfARunClaimedPastIsFencedAndNothingOfItLands() throws Exception {
        long first = checkpoints.claim("product");
        long second = checkpoints.claim("product");
        assertThat(second).isGreaterThan(first);

        assertThatThrownBy(() -> commit(first, "stale")).isInstanceOf(RunFencedException.class)
                .hasMessageContaining("product: fenced");
        assertThat(names()).as("nothing of the late batch").isEmpty();

        commit(second, "fresh");
        assertThat(names()).containsExactly("fresh");
        assertThatThrownBy(() -> commit(first, "stale")).as("and it stays fenced").isInstanceOf(RunFencedException.class);
        assertThat(names()).containsExactly("fresh");
        assertThat(checkpoints.load("product").orElseThrow().afterUid()).isEqualTo("0x1");
    }

    @Test
    void aResetFencesTheRunUnderWayAndItsNextClaimStartsFromTheBeginning() throws Exception {
        long running = checkpoints.claim("product");
        commit(running, "before the reset");

        assertThat(checkpoints.reset("product")).isTrue();

        assertThatThrownBy(() -> commit(running, "after the reset")).isInstanceOf(RunFencedException.class);
        assertThat(checkpoints.load("product").orElseThrow().afterUid()).isNull();
        assertThat(checkpoints.claim("product")).isGreaterThan(running + 1);
    }

    /** A fenced run ends FENCED in sync_run: not FAILED, and not a failure of the job for once. */
    @Test
    void aFencedRunIsRecordedFencedNotFailed() throws Exception {
        RunTable runTable = new RunTable();
        runTable.setTables(tables);
        RunHistory history = new RunHistory();
        history.setTable(runTable);
        RunLedger ledger = new RunLedger();
        ledger.setSettings(SyncSettings.of(java.util.Map.of("dgraph.sync.once", "true")));
        RunFailure failure = new RunFailure();
        failure.setHistory(history);
        failure.setLedger(ledger);
        failure.setSecrets(new dev.dgraphsync.config.Secrets());
        SyncRun run = new SyncRun(catalog.get("product"), PageCursor.initial(), checkpoints.claim("product"), 100, 100,
                1, Runnable::run);
        ledger.admit("product");
        ledger.opened("product", run);
        history.started(run);
        checkpoints.claim("product"); // another instance's run
        run.lane().submit(() -> writer.commit("product", run.entity(), List.of(), List.of(), run.epoch(),
                CheckpointStore.row(run.committed(), run.entity())));

        failure.unhandled("product", new IllegalStateException("a batch write ended", catchFenced(run)));

        assertThat(query("SELECT status FROM sync_run")).containsExactly("FENCED");
        assertThat(ledger.awaitAll(List.of("product"), Duration.ofSeconds(5))).as("not a failed job").isTrue();
    }

    private static RuntimeException catchFenced(SyncRun run) {
        try {
            run.lane().drain();
            throw new AssertionError("the batch was not fenced");
        } catch (RunFencedException fenced) {
            return fenced;
        }
    }

    private void commit(long epoch, String name) throws Exception {
        List<Row> rows = new ArrayList<>();
        RowExtractor.extract(catalog.get("product"), DgraphResponse.JSON.readTree("""
                {"uid":"0x1","Product.sku":"S1","Product.name":"%s","Product.updatedAt":"2025-01-01T00:00:00Z"}"""
                .formatted(name)), rows);
        PageCursor cursor = PageCursor.initial().beginPass(OffsetDateTime.now(), Duration.ofMinutes(5)).advancedTo("0x1");
        writer.commit("product", catalog.get("product"), rows.subList(0, 1), rows.subList(1, rows.size()), epoch,
                CheckpointStore.row(cursor, catalog.get("product")));
    }

    private List<String> names() throws Exception {
        return query("SELECT name FROM product");
    }

    private List<String> query(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = tables.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
