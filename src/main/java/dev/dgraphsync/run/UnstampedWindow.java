package dev.dgraphsync.run;

import dev.dgraphsync.source.IdScan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The nodes an incremental pass reads by uid beside those its cursor finds: the entity's nodes without a cursor value
 * (nothing tells them apart as changed) and those {@code verify --repair} asked to be read again. The page requests
 * carry them, merged into the pass's uid order.
 *
 * <p>Invariant: no such node is passed by. A page request carries the next nodes of the window after the read
 * position ({@link #next}); when more of them come after those, the last one carried is the page's end: a record after
 * the end waits for the next page, and when the page came back short, or had records after its end, the next page goes
 * on after the end ({@link Share#leavesSomeBehind}), not after its last record. Without the end, a changed node far
 * after the carried ones would move the read position past window nodes not yet carried; and a page that came back
 * short because carried nodes are gone from the type would end the pass.
 */
public final class UnstampedWindow {

    private static final UnstampedWindow NONE = new UnstampedWindow(new long[0]);

    /** Sorted, distinct. */
    private final long[] uids;

    private UnstampedWindow(long[] uids) {
        this.uids = uids;
    }

    /** A window of these uids (any order, repeats allowed). */
    public static UnstampedWindow of(long[] uids) {
        return uids.length == 0 ? NONE : new UnstampedWindow(Arrays.stream(uids).sorted().distinct().toArray());
    }

    public static UnstampedWindow none() {
        return NONE;
    }

    public int size() {
        return uids.length;
    }

    /**
     * What the next page request carries: up to {@code n} uids after {@code after} (null: from the first), and its end
     * when more come after them.
     */
    public Share next(String after, int n) {
        long position = -1;
        try {
            position = after == null ? -1 : IdScan.parse(after);
        } catch (RuntimeException notAUid) {
            // a checkpoint edited by hand: Dgraph's answer to the page query names what is wrong with it
        }
        int from = Arrays.binarySearch(uids, position);
        from = from >= 0 ? from + 1 : -from - 1;
        List<String> carried = new ArrayList<>();
        int i = from;
        for (; i < uids.length && carried.size() < n; i++) {
            carried.add("0x" + Long.toHexString(uids[i]));
        }
        String end = i < uids.length && !carried.isEmpty() ? carried.get(carried.size() - 1) : null;
        return new Share(List.copyOf(carried), end);
    }

    /**
     * One page request's part of the window: the uids it carries, and the last uid its page may hold (null: no limit),
     * set when more window nodes come after the carried ones.
     */
    public record Share(List<String> carried, String end) {

        public static final Share NONE = new Share(List.of(), null);

        /**
         * Whether window nodes after the end are still to be carried once the page is read: it came back short (some
         * carried nodes are gone from the type), or it had records after the end. Then the next page goes on after
         * the end.
         */
        public boolean leavesSomeBehind(boolean pageCameBackShort, boolean recordsAfterEnd) {
            return end != null && (pageCameBackShort || recordsAfterEnd);
        }

        /** Whether a record of this uid belongs in the page (it is not after the end). */
        public boolean holds(String uid) {
            return end == null || IdScan.parse(uid) <= IdScan.parse(end);
        }
    }
}
