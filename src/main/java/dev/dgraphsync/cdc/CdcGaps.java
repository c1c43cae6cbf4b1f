package dev.dgraphsync.cdc;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * What change data capture could not tell: the events it lost (a gap in the source) or could not read. Said at WARN,
 * counted ({@code dgraph.cdc.gaps}), and made up for at once: every entity's pass (the timestamp cursor) and the
 * deletes reconciliation run now. Changes that never moved a cursor field in the gap wait for {@code verify --repair}.
 */
public class CdcGaps {

    static final String RECONCILE_DELETES = "reconcile-deletes";
    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private EntityCatalog catalog;
    private EntityRunTrigger trigger;
    private CdcListener listener = CdcListener.NONE;

    public void found(String reason) {
        LOG.warn("CDC gap: {}. Every entity's pass and the deletes reconciliation run now.", reason);
        listener.gap();
        List<String> jobs = new ArrayList<>(catalog.all().stream().map(EntitySpec::name).toList());
        jobs.add(RECONCILE_DELETES);
        trigger.trigger(jobs);
    }

    /** The route's handler of a message that is not an event: it is named, and taken as a gap. */
    public void unreadable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        found("a message from dgraph.cdc.endpoint could not be read (" + (e == null ? "?" : e.getMessage()) + ")");
    }

    public void setCatalog(EntityCatalog catalog) { this.catalog = catalog; }
    public void setTrigger(EntityRunTrigger trigger) { this.trigger = trigger; }
    public void setListener(CdcListener listener) { this.listener = listener; }
}
