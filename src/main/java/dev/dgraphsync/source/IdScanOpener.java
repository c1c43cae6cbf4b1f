package dev.dgraphsync.source;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntitySpec;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Starts the id scan of the entity in the body (one step of the reconciliation's split over entities). */
public class IdScanOpener implements Processor {

    private SyncSettings settings = SyncSettings.defaults();

    @Override
    public void process(Exchange exchange) {
        EntitySpec entity = exchange.getMessage().getBody(EntitySpec.class);
        exchange.setProperty(IdScan.PROPERTY, new IdScan(entity, settings.number(Setting.RECONCILE_PAGE_SIZE)));
    }

    /** {@code dgraph.sync.reconcile-page-size}. */
    public void setSettings(SyncSettings settings) {
        this.settings = settings;
    }
}
