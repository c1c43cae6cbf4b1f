package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.warehouse.CheckpointTable;
import dev.dgraphsync.warehouse.RepairTable;
import dev.dgraphsync.warehouse.RunTable;
import dev.dgraphsync.warehouse.WarehouseTables;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code verify --repair} asked for is read by the next pass that begins, and forgotten only then: a request made
 * while a run is under way waits for the next run, even when the verify that made it started before that run (it dates
 * its requests from its own start).
 */
class RepairRequestsTest {

    private final EntityCatalog catalog = InMemoryWarehouse.catalog();
    private final RepairTable repairs = new RepairTable();
    private final RunOpener opener = new RunOpener();
    private final RunCloser closer = new RunCloser();

    RepairRequestsTest() {
        WarehouseTables tables = InMemoryWarehouse.tables(catalog);
        tables.create();
        repairs.setTables(tables);
        CheckpointTable checkpointTable = new CheckpointTable();
        checkpointTable.setTables(tables);
        CheckpointStore checkpoints = new CheckpointStore();
        checkpoints.setTable(checkpointTable);
        RunTable runTable = new RunTable();
        runTable.setTables(tables);
        RunHistory history = new RunHistory();
        history.setTable(runTable);
        RunLedger ledger = new RunLedger();
        opener.setCatalog(catalog);
        opener.setCheckpoints(checkpoints);
        opener.setHistory(history);
        opener.setLedger(ledger);
        opener.setWriters(new WriterThreads());
        opener.setRepairs(repairs);
        closer.setHistory(history);
        closer.setLedger(ledger);
        closer.setRepairs(repairs);
    }

    @Test
    void aRequestMadeWhileARunReadsWaitsForTheNextRun() throws Exception {
        OffsetDateTime earlier = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        repairs.request("category", List.of("0x1", "0x2"), earlier);

        Exchange first = open();
        assertThat(SyncRun.of(first).repairs()).extracting(RepairTable.Request::nodeId).containsExactlyInAnyOrder("0x1", "0x2");
        // Meanwhile a verify --repair that began a minute before this run finds 0x2 differing again, and 0x3.
        OffsetDateTime verifyStarted = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
        repairs.request("category", List.of("0x2", "0x3"), verifyStarted);
        closer.process(first);

        assertThat(repairs.pending("category")).extracting(RepairTable.Request::nodeId)
                .as("what the run had read is forgotten; what was asked while it read is kept")
                .containsExactlyInAnyOrder("0x2", "0x3");

        Exchange second = open();
        assertThat(SyncRun.of(second).repairs()).extracting(RepairTable.Request::nodeId).containsExactlyInAnyOrder("0x2", "0x3");
        closer.process(second);
        assertThat(repairs.pending("category")).isEmpty();
    }

    private Exchange open() throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(RunOpener.JOB, "category");
        opener.process(exchange);
        return exchange;
    }
}
