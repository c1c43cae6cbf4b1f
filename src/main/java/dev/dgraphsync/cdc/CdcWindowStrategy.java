package dev.dgraphsync.cdc;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.source.CdcEvent;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.List;

/**
 * Collects the events of a window into one {@link CdcWindow}: each event's node under the entities of header
 * {@value #ENTITIES}. A window is full at {@code dgraph.cdc.window-uids} nodes; else the route's completion interval
 * closes it.
 */
public class CdcWindowStrategy implements AggregationStrategy {

    public static final String ENTITIES = "dgraphCdcEntities";

    private SyncSettings settings = SyncSettings.defaults();
    private CdcLag lag;

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange window, Exchange event) {
        Exchange into = window == null ? event : window;
        CdcWindow changes = window == null ? new CdcWindow() : window.getMessage().getBody(CdcWindow.class);
        SourcePosition at = SourcePosition.of(event);
        changes.add(event.getMessage().getBody(CdcEvent.class),
                event.getMessage().getHeader(ENTITIES, List.of(), List.class), at);
        if (window == null) {
            lag.opened(changes);
            into.getMessage().setBody(changes);
        }
        return into;
    }

    /** The completion predicate. */
    public boolean isFull(Exchange window) {
        return window.getMessage().getBody(CdcWindow.class).uids() >= settings.number(Setting.CDC_WINDOW_UIDS);
    }

    public void setSettings(SyncSettings settings) { this.settings = settings; }
    public void setLag(CdcLag lag) { this.lag = lag; }
}
