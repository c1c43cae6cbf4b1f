package dev.dgraphsync.run;

import dev.dgraphsync.warehouse.BatchWriter;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregator's output: hands a completed {@link RowBatch} to its run's {@link BatchLane}, where it is written
 * ({@link BatchWriter}) with the checkpoint that covers it, behind the reading, after every batch of the run made
 * before it. Returns at once; a write's failure reaches the reading thread at {@link BatchWritesAwait} or
 * {@link RunCloser}.
 */
public class BatchHandOver implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private BatchWriter writer;

    @Override
    public void process(Exchange exchange) {
        RowBatch batch = exchange.getMessage().getBody(RowBatch.class);
        SyncRun run = batch.run();
        run.lane().submit(() -> commit(run, batch));
    }

    /** Runs in the lane, so {@code run.committed()} is the checkpoint of the batch before this one. */
    private void commit(SyncRun run, RowBatch batch) {
        long started = System.nanoTime();
        PageCursor cursor = batch.endOfPass()
                ? run.committed().passEnded()
                : run.committed().advancedTo(batch.lastUid());
        BatchWriter.EdgeChanges edges = writer.commit(run.name(), run.entity(), batch.nodes(), batch.edges(),
                run.epoch(), CheckpointStore.row(run.checkpointFor(cursor), run.entity()));
        run.committed(cursor, batch.nodes().size(), batch.edges().size());
        if (!batch.nodes().isEmpty()) {
            LOG.info("{}: committed {} rows, {} edges ({} new, {} retired) in {} ms (run total {} rows, {} edges);"
                    + " checkpoint {}", run.name(), batch.nodes().size(), batch.edges().size(), edges.added(),
                    edges.retired(), (System.nanoTime() - started) / 1_000_000, run.rows(), run.edges(), cursor);
        }
    }

    public void setWriter(BatchWriter writer) {
        this.writer = writer;
    }
}
