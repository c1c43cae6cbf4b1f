package dev.dgraphsync.warehouse;

import dev.dgraphsync.checkpoint.SyncRun;
import dev.dgraphsync.mapping.Row;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/** Collects node and edge rows of one run into a {@link RowBatch}. Correlate on the run's id. */
public class RowBatchStrategy implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange batchExchange, Exchange rowExchange) {
        Exchange target = batchExchange != null ? batchExchange : rowExchange;
        RowBatch batch = batchExchange != null
                ? batchExchange.getMessage().getBody(RowBatch.class)
                : new RowBatch(SyncRun.of(rowExchange));
        batch.add(rowExchange.getMessage().getBody(Row.class));
        target.getMessage().setBody(batch);
        return target;
    }
}
