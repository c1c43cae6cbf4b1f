package dev.dgraphsync.cdc;

import dev.dgraphsync.warehouse.CdcTable;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A closed window into the warehouse: a {@code sync_repair} request for each node changed, with the position the
 * source reaches, in one transaction (kill the process at any moment: both are there, or neither and the source sends
 * the window again).
 */
public class CdcWindowCommit implements Processor {

    private CdcTable table;
    private CdcPosition position;
    private CdcLag lag;
    private CdcListener listener = CdcListener.NONE;

    @Override
    public void process(Exchange exchange) {
        CdcWindow window = exchange.getMessage().getBody(CdcWindow.class);
        CdcTable.Position reached = window.reaching(position.stored());
        table.apply(window.uidsByEntity(), window.firstChangeAt(), reached);
        position.applied(reached);
        lag.written(window);
        listener.nodesRequested(window.uids());
    }

    public void setTable(CdcTable table) { this.table = table; }
    public void setPosition(CdcPosition position) { this.position = position; }
    public void setLag(CdcLag lag) { this.lag = lag; }
    public void setListener(CdcListener listener) { this.listener = listener; }
}
