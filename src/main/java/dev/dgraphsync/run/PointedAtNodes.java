package dev.dgraphsync.run;

import dev.dgraphsync.warehouse.DeletionFlagger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The reconciliation's first step: the nodes that active edges point at, read once for every entity's scan after
 * ({@link DeletionFlagger#edgeTargets}); {@link DeletedNodes} clears the references to those Dgraph no longer has.
 */
public class PointedAtNodes implements Processor {

    static final String PROPERTY = "dgraphPointedAtNodes";

    private DeletionFlagger flagger;

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(PROPERTY, flagger.edgeTargets(JobRun.of(exchange).startedAt()));
    }

    public void setFlagger(DeletionFlagger flagger) {
        this.flagger = flagger;
    }
}
