package dev.dgraphsync.checkpoint;

import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.mapping.Row;
import org.apache.camel.Exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of one entity, carried in the exchange property {@value #PROPERTY}: what is read, what is committed, and
 * whether anything failed. The batch writer runs on the aggregator's side of the flow, so a batch failure reaches
 * the page loop through this object rather than through the exchange.
 */
public class SyncRun {

    public static final String PROPERTY = "dgraphSyncRun";

    private final String id = UUID.randomUUID().toString();
    private final String name;
    private final EntitySpec entity;
    private final int pageSize;
    private final int checkpointInterval;
    private final PageCursor cursorBefore;
    private final Instant startedAt = Instant.now();
    private volatile PageCursor committed;
    private volatile String readPosition;
    private volatile int lastPageSize = -1;
    private volatile Exception failure;
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong edges = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    public SyncRun(String name, EntitySpec entity, PageCursor cursor, int pageSize, int checkpointInterval) {
        this.name = name;
        this.entity = entity;
        this.cursorBefore = cursor;
        this.committed = cursor;
        this.readPosition = cursor == null ? null : cursor.afterUid();
        this.pageSize = pageSize;
        this.checkpointInterval = checkpointInterval;
    }

    public static SyncRun of(Exchange exchange) {
        SyncRun run = exchange.getProperty(PROPERTY, SyncRun.class);
        if (run == null) {
            throw new IllegalStateException("no sync run on this exchange: the route must start with openRun");
        }
        return run;
    }

    /** Loop condition: keep paging while the last page was full and nothing has failed. */
    public boolean isMorePages() {
        return failure == null && (lastPageSize < 0 || lastPageSize >= pageSize);
    }

    public void pageRead(int records, String lastUid) {
        pages.incrementAndGet();
        lastPageSize = records;
        if (lastUid != null) {
            readPosition = lastUid;
        }
    }

    /** The message that closes the last batch of the pass, so that the aggregator flushes it. */
    public Row getEndOfPass() {
        return Row.end(entity);
    }

    public void committed(PageCursor cursor, int nodeRows, int edgeRows) {
        this.committed = cursor;
        rows.addAndGet(nodeRows);
        edges.addAndGet(edgeRows);
    }

    /** A record that could not be read was left out (its reason is logged); the others go on. */
    public void recordSkipped() {
        skipped.incrementAndGet();
    }

    public void fail(Exception cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    public String id() { return id; }
    /** For Simple expressions in the routes (the aggregator's correlation key). */
    public String getId() { return id; }
    public String name() { return name; }
    public EntitySpec entity() { return entity; }
    public int pageSize() { return pageSize; }
    public int checkpointInterval() { return checkpointInterval; }
    public PageCursor cursorBefore() { return cursorBefore; }
    public PageCursor committed() { return committed; }
    public String readPosition() { return readPosition; }
    public Exception failure() { return failure; }
    public boolean failed() { return failure != null; }
    public long pages() { return pages.get(); }
    public long rows() { return rows.get(); }
    public long edges() { return edges.get(); }
    public long skipped() { return skipped.get(); }
    public Instant startedAt() { return startedAt; }

    public Duration elapsed() {
        return Duration.between(startedAt, Instant.now());
    }
}
