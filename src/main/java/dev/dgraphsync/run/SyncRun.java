package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.mapping.Row;
import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.warehouse.RepairTable;
import org.apache.camel.Exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of one entity, carried in the exchange property {@value #PROPERTY}: what is read, what is committed, and
 * the {@link BatchLane} its batches are written in, behind the reading.
 */
public class SyncRun {

    public static final String PROPERTY = "dgraphSyncRun";
    /** Exchange property: the run's id, the aggregator's correlation key (read without reflection, once per row). */
    public static final String ID = "dgraphSyncRunId";

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
    private final BatchLane lane;
    private volatile long[] unstamped = new long[0];
    private volatile List<RepairTable.Request> repairs = List.of();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong edges = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /** A run whose batches, if it has any, are written on the thread that hands them over (schema metadata). */
    public SyncRun(String name, EntitySpec entity, PageCursor cursor, int pageSize, int checkpointInterval) {
        this(name, entity, cursor, pageSize, checkpointInterval, 1, Runnable::run);
    }

    public SyncRun(String name, EntitySpec entity, PageCursor cursor, int pageSize, int checkpointInterval,
                   int batchesInFlight, Executor writers) {
        this.lane = new BatchLane(batchesInFlight, writers);
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

    /** Loop condition: keep paging while the last page was full. */
    public boolean isMorePages() {
        return lastPageSize < 0 || lastPageSize >= sizeOfPage(pages.get() - 1);
    }

    /** The size of the page to ask for next. */
    public int nextPageSize() {
        return sizeOfPage(pages.get());
    }

    /**
     * A run's first page (index 0) holds one batch ({@code checkpointInterval} records), the others {@code pageSize}:
     * the warehouse starts writing while the first full page is still being read, instead of waiting for all of it.
     */
    private int sizeOfPage(long index) {
        return index == 0 ? Math.min(pageSize, checkpointInterval) : pageSize;
    }

    public void pageRead(int records, String lastUid) {
        pages.incrementAndGet();
        lastPageSize = records;
        if (lastUid != null) {
            readPosition = lastUid;
        }
    }

    /** Whether this pass reads only what changed since {@code from} (a first pass reads everything). */
    public boolean isIncremental() {
        return entity != null && committed.from() != null;
    }

    /** The uids of the entity's nodes without a cursor value (sorted): read with every incremental pass. */
    public void unstamped(long[] uids) {
        this.unstamped = uids;
    }

    /** The nodes {@code verify --repair} asked to be read again, as they stood when the run opened. */
    public void repairs(List<RepairTable.Request> requests) {
        this.repairs = List.copyOf(requests);
    }

    public List<RepairTable.Request> repairs() {
        return repairs;
    }

    /** Up to {@code n} of the nodes without a cursor value that come after the read position, in uid order. */
    public List<String> unstampedAhead(int n) {
        long after = -1;
        try {
            after = readPosition == null ? -1 : IdScan.parse(readPosition);
        } catch (RuntimeException notAUid) {
            // a checkpoint edited by hand: Dgraph's answer to the page query names what is wrong with it
        }
        int from = Arrays.binarySearch(unstamped, after);
        from = from >= 0 ? from + 1 : -from - 1;
        List<String> uids = new ArrayList<>();
        for (int i = from; i < unstamped.length && uids.size() < n; i++) {
            uids.add("0x" + Long.toHexString(unstamped[i]));
        }
        return uids;
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
    public BatchLane lane() { return lane; }
    public long pages() { return pages.get(); }
    public long rows() { return rows.get(); }
    public long edges() { return edges.get(); }
    public long skipped() { return skipped.get(); }
    public Instant startedAt() { return startedAt; }

    public Duration elapsed() {
        return Duration.between(startedAt, Instant.now());
    }
}
