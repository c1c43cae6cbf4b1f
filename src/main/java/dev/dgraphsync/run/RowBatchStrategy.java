package dev.dgraphsync.run;

import dev.dgraphsync.mapping.Row;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Collects node and edge rows of one run into a {@link RowBatch}. Correlate on the run's id; the batch says when it
 * is complete in the exchange property {@value #COMPLETE}, the aggregator's completion predicate.
 */
public class RowBatchStrategy implements AggregationStrategy {

    public static final String COMPLETE = "dgraphBatchComplete";

    @Override
    public Exchange aggregate(Exchange batchExchange, Exchange rowExchange) {
        Exchange target = batchExchange != null ? batchExchange : rowExchange;
        RowBatch batch = batchExchange != null
                ? batchExchange.getMessage().getBody(RowBatch.class)
                : new RowBatch(SyncRun.of(rowExchange));
        batch.add(rowExchange.getMessage().getBody(Row.class));
        target.getMessage().setBody(batch);
        target.setProperty(COMPLETE, batch.isComplete());
        return target;
    }
}
