package dev.dgraphsync.run;

import dev.dgraphsync.run.SyncRun;
import dev.dgraphsync.mapping.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows the aggregator has collected for one run: written together, with the checkpoint, in one transaction.
 * Complete when it holds the checkpoint interval's worth of records and ends on a record boundary, or when the
 * pass has ended.
 */
public class RowBatch {

    private final SyncRun run;
    private final List<Row> nodes = new ArrayList<>();
    private final List<Row> edges = new ArrayList<>();
    private String lastUid;
    private boolean atRecordBoundary = true;
    private boolean endOfPass;

    public RowBatch(SyncRun run) {
        this.run = run;
    }

    public void add(Row row) {
        switch (row.kind()) {
            case NODE -> {
                nodes.add(row);
                lastUid = row.uid();
            }
            case EDGE -> edges.add(row);
            case END -> endOfPass = true;
        }
        atRecordBoundary = row.closesRecord();
    }

    /** The aggregator's completion predicate. */
    public boolean isComplete() {
        return endOfPass || (atRecordBoundary && nodes.size() >= run.checkpointInterval());
    }

    public SyncRun run() { return run; }
    public List<Row> nodes() { return nodes; }
    public List<Row> edges() { return edges; }
    public String lastUid() { return lastUid; }
    public boolean endOfPass() { return endOfPass; }
}
