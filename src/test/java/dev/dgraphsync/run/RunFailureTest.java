package dev.dgraphsync.run;

import dev.dgraphsync.config.SyncSettings;

import dev.dgraphsync.config.Secrets;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.warehouse.RunTable;
import dev.dgraphsync.warehouse.Warehouse;
import dev.dgraphsync.warehouse.WarehouseTables;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What no route can handle (an Error ends the job's thread) still ends the run FAILED, and nobody waits for it. */
class RunFailureTest {

    @Test
    void aRunEndedByTheHeapRunningOutIsRecordedFailedWithWhatItCommitted() throws Exception {
        EntityCatalog catalog = InMemoryWarehouse.catalog();
        WarehouseTables tables = InMemoryWarehouse.tables(catalog);
        Warehouse warehouse = tables.warehouse();
        RunTable table = new RunTable();
        table.setTables(tables);
        RunHistory history = new RunHistory();
        history.setTable(table);
        RunLedger ledger = new RunLedger();
        ledger.setSettings(SyncSettings.defaults());
        RunFailure failure = new RunFailure();
        failure.setHistory(history);
        failure.setLedger(ledger);
        failure.setSecrets(new Secrets());

        PageCursor cursor = PageCursor.initial().beginPass(OffsetDateTime.now(), Duration.ofMinutes(5));
        SyncRun run = new SyncRun(catalog.get("product"), cursor, 100, 100);
        ledger.admit("product");
        ledger.opened("product", run);
        history.started(run);
        run.committed(cursor.advancedTo("0x2a"), 300, 900);

        failure.unhandled("product", new OutOfMemoryError("Java heap space"));

        try (Connection c = warehouse.connect(); ResultSet r = c.createStatement().executeQuery(
                "SELECT status, rows_written, edges_written, error_message, ended_at FROM sync_run")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("FAILED");
            assertThat(r.getLong(2)).isEqualTo(300);
            assertThat(r.getLong(3)).isEqualTo(900);
            assertThat(r.getString(4)).isEqualTo("product: run failed after 0 page(s), reading after uid none:"
                    + " OutOfMemoryError: Java heap space");
            assertThat(r.getObject(5)).isNotNull();
        }
        assertThat(ledger.openRun("product")).isNull();
        assertThat(ledger.awaitAll(List.of("product"), Duration.ofMillis(1))).as("ended, failed").isFalse();
        assertThat(ledger.executed("product")).as("its end is known: nobody waits for it").isFalse();
    }
}
