package dev.dgraphsync.run;

import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.warehouse.DeletionFlagger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.sql.SQLException;

/**
 * The last step of an entity's id scan in the reconciliation: flags its rows whose node Dgraph no longer has
 * ({@link DeletionFlagger}) and counts them in the reconciliation's run.
 */
public class DeletedNodes implements Processor {

    private DeletionFlagger flagger;

    @Override
    public void process(Exchange exchange) throws SQLException {
        IdScan scan = exchange.getProperty(IdScan.PROPERTY, IdScan.class);
        DeletionFlagger.Flagged flagged = flagger.flag(scan.entity(), scan::contains, scan.startedAt(), scan.size());
        SyncRun.of(exchange).committed(PageCursor.initial(), flagged.rows(), flagged.edges());
    }

    public void setFlagger(DeletionFlagger flagger) {
        this.flagger = flagger;
    }
}
