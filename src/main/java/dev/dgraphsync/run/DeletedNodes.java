package dev.dgraphsync.run;

import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.warehouse.DeletionFlagger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The last step of an entity's id scan in the reconciliation: flags its rows whose node Dgraph no longer has
 * ({@link DeletionFlagger}), clears the references that still point at such nodes ({@link PointedAtNodes}), and counts
 * them in the reconciliation's run.
 */
public class DeletedNodes implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private DeletionFlagger flagger;

    @Override
    public void process(Exchange exchange) {
        IdScan scan = exchange.getProperty(IdScan.PROPERTY, IdScan.class);
        DeletionFlagger.EdgeTargets pointedAt = exchange.getProperty(PointedAtNodes.PROPERTY,
                DeletionFlagger.EdgeTargets.NONE, DeletionFlagger.EdgeTargets.class);
        DeletionFlagger.Flagged flagged = flagger.flag(scan.entity(), scan::contains, scan.startedAt(), scan.size(),
                pointedAt);
        JobRun.of(exchange).wrote(flagged.rows(), flagged.edges());
    }

    /**
     * Whether the entity in the scan has rows synced before the scan began; when it has none, there is nothing to judge
     * and its ids are not read (the first run into a new warehouse, where every entity is synced while the scan goes on).
     */
    public boolean anyToJudge(Exchange exchange) {
        IdScan scan = exchange.getProperty(IdScan.PROPERTY, IdScan.class);
        if (flagger.hasRowsToJudge(scan.entity(), scan.startedAt())) {
            return true;
        }
        LOG.info("reconcile {}: no row synced before the scan began, nothing to judge", scan.entity().name());
        return false;
    }

    public void setFlagger(DeletionFlagger flagger) {
        this.flagger = flagger;
    }
}
