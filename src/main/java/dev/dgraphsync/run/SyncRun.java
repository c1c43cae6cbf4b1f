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
    /** The last uid of the nodes without a cursor value the pending page request carries, when more come after it. */
    private volatile String unstampedCut;
    /** Whether the last page left nodes without a cursor value unread (beyond what its request carried). */
    private volatile boolean unstampedLeft;
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

    /**
     * Loop condition: keep paging while the last page was full, or while nodes without a cursor value are left beyond
     * those the last request carried.
     */
    public boolean isMorePages() {
        return lastPageSize < 0 || lastPageSize >= sizeOfPage(pages.get() - 1) || unstampedLeft;
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

    /**
     * The last uid the page now asked for may hold, or null (no limit): the last of the nodes without a cursor value its
     * request carries, when more come after them. A record after it waits for the next page (see {@link #pageRead}).
     */
    public String pageEnd() {
        return unstampedCut;
    }

    /**
     * A page was read: Dgraph answered {@code answered} records, of which the first {@code kept} (up to
     * {@link #pageEnd}) are synced now, the last of them {@code lastUid}.
     */
    public void pageRead(int answered, int kept, String lastUid) {
        long index = pages.getAndIncrement();
        lastPageSize = answered;
        if (lastUid != null) {
            readPosition = lastUid;
        }
        String end = unstampedCut;
        unstampedCut = null;
        // Every node up to the page's end is in a page that is short or goes past it: those the request carried and
        // the answer lacks are gone from the type (deleted since they were looked up, or asked for by verify --repair
        // for a row whose node is gone). The next page goes on after the end, with the nodes beyond it.
        unstampedLeft = end != null && (answered < sizeOfPage(index) || kept < answered);
        if (unstampedLeft) {
            readPosition = end;
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

    /**
     * The nodes without a cursor value the next page request carries: up to {@code n} after the read position, in uid
     * order. When more come after them, the last is the page's end ({@link #pageEnd}): a page that went past it would
     * pass by the ones between.
     */
    public List<String> carryUnstamped(int n) {
        long after = -1;
        try {
            after = readPosition == null ? -1 : IdScan.parse(readPosition);
        } catch (RuntimeException notAUid) {
            // a checkpoint edited by hand: Dgraph's answer to the page query names what is wrong with it
        }
        int from = Arrays.binarySearch(unstamped, after);
        from = from >= 0 ? from + 1 : -from - 1;
        List<String> uids = new ArrayList<>();
        int i = from;
        for (; i < unstamped.length && uids.size() < n; i++) {
            uids.add("0x" + Long.toHexString(unstamped[i]));
        }
        unstampedCut = i < unstamped.length && !uids.isEmpty() ? uids.get(uids.size() - 1) : null;
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
