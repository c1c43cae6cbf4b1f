package dev.dgraphsync.source;

import dev.dgraphsync.mapping.EntitySpec;

import java.time.Instant;
import java.util.Arrays;

/**
 * The uids of one entity's nodes as Dgraph has them now, read a page at a time in ascending uid order (so they
 * arrive sorted and a lookup is a binary search over a primitive array: 8 bytes a node).
 */
public class IdScan {

    public static final String PROPERTY = "dgraphIdScan";

    private final EntitySpec entity;
    private final int pageSize;
    private final Instant startedAt = Instant.now();
    private long[] uids = new long[1024];
    private int size;
    private String after;
    private int lastPageSize = -1;

    public IdScan(EntitySpec entity, int pageSize) {
        this.entity = entity;
        this.pageSize = pageSize;
    }

    public boolean isMorePages() {
        return lastPageSize < 0 || lastPageSize >= pageSize;
    }

    void pageRead(int records, String lastUid) {
        lastPageSize = records;
        if (lastUid != null) {
            after = lastUid;
        }
    }

    void add(String uid) {
        if (size == uids.length) {
            uids = Arrays.copyOf(uids, size * 2);
        }
        uids[size++] = parse(uid);
    }

    /** Whether Dgraph had this uid when the scan read its range. */
    public boolean contains(String uid) {
        return Arrays.binarySearch(uids, 0, size, parse(uid)) >= 0;
    }

    public static long parse(String uid) {
        return Long.parseUnsignedLong(uid.startsWith("0x") ? uid.substring(2) : uid, 16);
    }

    public EntitySpec entity() { return entity; }
    public int pageSize() { return pageSize; }
    public String after() { return after; }
    public int size() { return size; }
    /** Rows synced before this instant existed in Dgraph before the scan began. */
    public Instant startedAt() { return startedAt; }
}
