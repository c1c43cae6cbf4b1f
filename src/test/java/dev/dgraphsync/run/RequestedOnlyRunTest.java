package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.source.DgraphRequest;
import dev.dgraphsync.warehouse.Checkpoint;
import dev.dgraphsync.warehouse.CheckpointTable;
import dev.dgraphsync.warehouse.RepairTable;
import dev.dgraphsync.warehouse.WarehouseTables;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run fired for a window of changed nodes (change data capture) reads those nodes by uid, not the pass since the
 * checkpoint, and leaves the checkpoint where the scheduled passes go on from; where the entity is not between two
 * passes, it is a pass.
 */
class RequestedOnlyRunTest {

    private static final OffsetDateTime FROM = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2).truncatedTo(ChronoUnit.SECONDS);
    private final EntityCatalog catalog = InMemoryWarehouse.catalog();
    private final WarehouseTables tables = InMemoryWarehouse.tables(catalog);
    private final RepairTable repairs = new RepairTable();
    private final CheckpointTable checkpointTable = new CheckpointTable();
    private final RunOpener opener;

    RequestedOnlyRunTest() {
        tables.create();
        repairs.setTables(tables);
        checkpointTable.setTables(tables);
        opener = InMemoryWarehouse.runOpener(tables, catalog, repairs);
    }

    @Test
    void aWindowsFiringReadsTheRequestedNodesByUidAndKeepsTheCheckpoint() throws Exception {
        stored(new PageCursor(FROM, null, null));
        repairs.request("category", List.of("0x5", "0x7"), OffsetDateTime.now(ZoneOffset.UTC));

        Exchange exchange = open(true);
        SyncRun run = SyncRun.of(exchange);
        new NextPageRequest().process(exchange);

        String page = exchange.getProperty(DgraphRequest.BODY, String.class);
        assertThat(page).contains("uid(0x5, 0x7)");
        assertThat(page).as("changed since the run opened, not since the checkpoint").doesNotContain(FROM.toString());
        assertThat(run.isLookingUpUnstamped()).isFalse();
        assertThat(run.checkpointFor(run.committed().advancedTo("0x7").passEnded())).isEqualTo(new PageCursor(FROM, null, null));
        assertThat(run.checkpointAfter()).isEqualTo(new PageCursor(FROM, null, null).toString());
    }

    @Test
    void aScheduledFiringIsAPassFromTheCheckpoint() throws Exception {
        stored(new PageCursor(FROM, null, null));
        repairs.request("category", List.of("0x5"), OffsetDateTime.now(ZoneOffset.UTC));

        SyncRun run = SyncRun.of(open(false));

        assertThat(run.isRequestedOnly()).isFalse();
        assertThat(run.committed().from()).isEqualTo(FROM);
        assertThat(run.isLookingUpUnstamped()).isTrue();
    }

    @Test
    void aWindowsFiringWhileAPassIsUnderWayGoesOnWithThePass() throws Exception {
        OffsetDateTime next = FROM.plusHours(1);
        stored(new PageCursor(FROM, next, "0x3"));
        repairs.request("category", List.of("0x5"), OffsetDateTime.now(ZoneOffset.UTC));

        SyncRun run = SyncRun.of(open(true));

        assertThat(run.isRequestedOnly()).isFalse();
        assertThat(run.checkpointFor(run.committed())).isEqualTo(new PageCursor(FROM, next, "0x3"));
    }

    private void stored(PageCursor cursor) throws Exception {
        long epoch = checkpointTable.claim("category");
        try (Connection c = tables.connect()) {
            checkpointTable.save(c, "category", epoch, new Checkpoint(cursor.from(), cursor.nextFrom(), cursor.afterUid(),
                    catalog.get("category").shape()));
        }
    }

    private Exchange open(boolean requestedOnly) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(JobRun.JOB, "category");
        exchange.getMessage().setHeader("mergedJobDataMap", requestedOnly ? Map.of(RunOpener.REQUESTED_ONLY, "true") : Map.of());
        opener.process(exchange);
        return exchange;
    }
}
