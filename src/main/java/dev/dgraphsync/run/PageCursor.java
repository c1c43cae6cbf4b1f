package dev.dgraphsync.run;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * Where the incremental sync of one entity stands.
 *
 * <p>A <em>pass</em> reads every node whose cursor field (say {@code updatedAt}) is {@code >= from}, in ascending
 * uid order, a page at a time with DQL's {@code after: uid}. Uids are unique, so the order has no ties and does not
 * move when rows change during the pass (Dgraph's sort is not stable and {@code offset} paging over it skips and
 * repeats rows; uid paging does neither).
 *
 * <p>Invariant: every node with cursor field {@code >= from} and uid {@code <= afterUid} is committed to the
 * warehouse (the checkpoint is written in the same transaction as the rows it covers). When a pass ends, every node
 * with cursor field {@code >= from} at the time the pass began is committed, so the next pass may start from
 * {@code nextFrom = pass start - lookback}: a node written after the pass began carries a later cursor value, and
 * the lookback covers clocks that differ and application timestamps that commit late. Reading a node twice is
 * harmless (upserts); missing one is what this rules out.
 *
 * @param from     lower bound (inclusive) of the pass under way or the next one; null = from the beginning
 * @param nextFrom the bound the pass after this one starts from; non-null exactly while a pass is under way
 * @param afterUid the last uid committed in the pass under way; null = the pass has committed nothing yet
 */
public record PageCursor(OffsetDateTime from, OffsetDateTime nextFrom, String afterUid) {

    public static PageCursor initial() {
        return new PageCursor(null, null, null);
    }

    public boolean inPass() {
        return nextFrom != null;
    }

    /** Resumes the pass under way, or begins a new one at {@code now}. */
    public PageCursor beginPass(OffsetDateTime now, Duration lookback) {
        return inPass() ? this : new PageCursor(from, now.minus(lookback), null);
    }

    public PageCursor advancedTo(String uid) {
        return new PageCursor(from, nextFrom, uid);
    }

    public PageCursor passEnded() {
        return new PageCursor(nextFrom, null, null);
    }

    /** Read back into the warehouse's {@code sync_run} rows and logs. */
    @Override
    public String toString() {
        return "from=" + (from == null ? "beginning" : from) + (inPass()
                ? ", pass to end at next from=" + nextFrom + ", after uid=" + (afterUid == null ? "none" : afterUid)
                : "");
    }
}
