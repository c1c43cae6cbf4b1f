package dev.dgraphsync.cdc;

import dev.dgraphsync.warehouse.CdcTable;
import org.apache.camel.spi.StateRepository;

/**
 * Where each Kafka partition goes on when the consumer is given it (at a start, and at every rebalance): the offset the
 * warehouse holds, read from {@code sync_cdc}, never Kafka's own committed one. camel-kafka seeks each assigned
 * partition past the offset this returns ({@code offsetRepository}); a partition the warehouse has no offset for starts
 * where Kafka's group offset, or {@code autoOffsetReset}, says. Nothing is stored here: the warehouse writes its
 * position in the transaction of the window it covers ({@link CdcWindowCommit}).
 */
public class WarehouseOffsets implements StateRepository<String, String> {

    private CdcTable table;

    /** {@code key} is {@code topic/partition}; the value the last offset the warehouse applied, or null. */
    @Override
    public String getState(String key) {
        Long offset = SourcePosition.offsets(table.position()).get(key);
        return offset == null ? null : String.valueOf(offset);
    }

    @Override
    public void setState(String key, String value) {
        // The warehouse's position is written with the data it covers, not here.
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    public void setTable(CdcTable table) { this.table = table; }
}
