package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.warehouse.RepairTable;
import org.apache.camel.Exchange;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of one entity: the pass it reads (from its {@link PageCursor}, a page at a time in uid order, with the
 * nodes of its {@link UnstampedWindow}), what it committed, and the {@link BatchLane} its batches are written in,
 * behind the reading.
 */
public final class SyncRun extends JobRun {

    private final EntitySpec entity;
    private final int pageSize;
    private final int checkpointInterval;
    private final PageCursor cursorBefore;
    private final long epoch;
    private final BatchLane lane;
    private final AtomicLong pages = new AtomicLong();
    private volatile PageCursor committed;
    private volatile String readPosition;
    private volatile int lastPageSize = -1;
    private volatile UnstampedWindow window = UnstampedWindow.none();
    /** The window's part in the page request under way. */
    private volatile UnstampedWindow.Share share = UnstampedWindow.Share.NONE;
    /** Whether the last page left window nodes after its end to be carried. */
    private volatile boolean windowLeft;
    private volatile List<RepairTable.Request> repairs = List.of();
    /** A run of the requested nodes only: the checkpoint as stored, which it keeps; null for a pass. */
    private volatile PageCursor kept;

    /** A run that commits nothing (epoch 0 is nobody's), its batches handed over on the calling thread (tests). */
    public SyncRun(EntitySpec entity, PageCursor cursor, int pageSize, int checkpointInterval) {
        this(entity, cursor, 0, pageSize, checkpointInterval, 1, Runnable::run);
    }

    /** {@code epoch}: the run's claim on the entity, which every batch it commits must still hold. */
    public SyncRun(EntitySpec entity, PageCursor cursor, long epoch, int pageSize, int checkpointInterval,
                   int batchesInFlight, Executor writers) {
        super(entity.name());
        this.entity = entity;
        this.cursorBefore = cursor;
        this.epoch = epoch;
        this.committed = cursor;
        this.readPosition = cursor.afterUid();
        this.pageSize = pageSize;
        this.checkpointInterval = checkpointInterval;
        this.lane = new BatchLane(batchesInFlight, writers);
    }

    public static SyncRun of(Exchange exchange) {
        if (JobRun.of(exchange) instanceof SyncRun run) {
            return run;
        }
        throw new IllegalStateException("this step belongs to an entity's run (sync-entity), not to a job's");
    }

    /**
     * Loop condition: keep paging while the last page was full, or while window nodes are left after the end of the
     * last page.
     */
    public boolean isMorePages() {
        return lastPageSize < 0 || lastPageSize >= sizeOfPage(pages.get() - 1) || windowLeft;
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

    /** The window nodes the next page request carries (none in a first pass: it reads every node anyway). */
    public List<String> carryWindow(int n) {
        share = isIncremental() ? window.next(readPosition, n) : UnstampedWindow.Share.NONE;
        return share.carried();
    }

    /** Whether a record of this uid belongs in the page asked for (see {@link UnstampedWindow}). */
    public boolean pageHolds(String uid) {
        return share.holds(uid);
    }

    /**
     * A page was read: Dgraph answered {@code answered} records, of which the first {@code kept} (those the page holds)
     * are synced now, the last of them {@code lastUid}.
     */
    public void pageRead(int answered, int kept, String lastUid) {
        long index = pages.getAndIncrement();
        lastPageSize = answered;
        if (lastUid != null) {
            readPosition = lastUid;
        }
        UnstampedWindow.Share read = share;
        share = UnstampedWindow.Share.NONE;
        windowLeft = read.leavesSomeBehind(answered < sizeOfPage(index), kept < answered);
        if (windowLeft) {
            readPosition = read.end();
        }
    }

    /** Whether this pass reads only what changed since {@code from} (a first pass reads everything). */
    public boolean isIncremental() {
        return committed.from() != null;
    }

    /** The nodes read by uid with every page of this pass (see {@link UnstampedWindow}). */
    public void window(UnstampedWindow window) {
        this.window = window;
    }

    /** The nodes {@code verify --repair} asked to be read again, as they stood when the run opened. */
    public void repairs(List<RepairTable.Request> requests) {
        this.repairs = List.copyOf(requests);
    }

    /**
     * Makes this a run of the requested nodes only (a CDC window's): its pass begins as the run opens, so that it holds
     * none but the requested nodes, which it reads by uid; the checkpoint {@code stored} stays as it is, for the
     * scheduled passes to go on from.
     */
    public void requestedOnly(PageCursor stored) {
        this.kept = stored;
        window(UnstampedWindow.of(repairs.stream().mapToLong(r -> IdScan.parse(r.nodeId())).toArray()));
    }

    public boolean isRequestedOnly() {
        return kept != null;
    }

    /** Whether this run looks up the nodes without a cursor value: an incremental pass does, a run of requested nodes only does not. */
    public boolean isLookingUpUnstamped() {
        return isIncremental() && kept == null;
    }

    /** The checkpoint a batch commits, the reading having got to {@code cursor}: the stored one, in a run of requested nodes only. */
    public PageCursor checkpointFor(PageCursor cursor) {
        return kept != null ? kept : cursor;
    }

    public List<RepairTable.Request> repairs() {
        return repairs;
    }

    /**
     * Whether this run settles the repair requests it found as it opened ({@link RepairedNodes}): when there are some
     * and its pass began in it, so that the pass read every node they ask for (a run that resumes a pass a killed run
     * left reads only the ones ahead of where it goes on, and leaves them all for the next pass).
     */
    public boolean isRepairsDue() {
        return !repairs.isEmpty() && cursorBefore.afterUid() == null;
    }

    public void committed(PageCursor cursor, int nodeRows, int edgeRows) {
        this.committed = cursor;
        wrote(nodeRows, edgeRows);
    }

    @Override
    void awaitWrites() {
        lane.drain();
    }

    @Override
    void settleWrites() {
        lane.settle();
    }

    @Override
    String position() {
        return " after " + pages() + " page(s), reading after uid " + (readPosition == null ? "none" : readPosition);
    }

    @Override
    public String checkpointBefore() {
        return checkpointFor(cursorBefore).toString();
    }

    @Override
    public String checkpointAfter() {
        return checkpointFor(committed).toString();
    }

    public EntitySpec entity() { return entity; }
    public int checkpointInterval() { return checkpointInterval; }
    public PageCursor cursorBefore() { return cursorBefore; }
    public long epoch() { return epoch; }
    public PageCursor committed() { return committed; }
    public String readPosition() { return readPosition; }
    public BatchLane lane() { return lane; }
    @Override public long pages() { return pages.get(); }
}
