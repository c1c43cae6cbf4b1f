package dev.dgraphsync.source;

import dev.dgraphsync.mapping.EntitySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Starts the id scan of the entity in the body (one step of the reconciliation's split over entities). */
public class IdScanOpener implements Processor {

    private int pageSize = 10_000;

    @Override
    public void process(Exchange exchange) {
        EntitySpec entity = exchange.getMessage().getBody(EntitySpec.class);
        exchange.setProperty(IdScan.PROPERTY, new IdScan(entity, pageSize));
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }
}
