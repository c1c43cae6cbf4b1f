package dev.dgraphsync.cdc;

import dev.dgraphsync.source.CdcEvent;
import dev.dgraphsync.warehouse.CdcTable;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The changes read in one short window ({@code dgraph.cdc.window-ms}, or {@code dgraph.cdc.window-uids} nodes): the
 * nodes changed, per entity, and how far the source got (highest commit_ts, and per Kafka partition the highest offset
 * and its manual commit). Filled on the consumer's thread, handed over whole when the window closes.
 */
public final class CdcWindow {

    private final Map<String, Set<String>> uidsByEntity = new LinkedHashMap<>();
    private final Map<String, Long> offsets = new TreeMap<>();
    private final Map<String, Object> commits = new LinkedHashMap<>();
    private long commitTs = -1;
    private OffsetDateTime firstChangeAt;
    private int uids;

    /** One event, its entities (those that read its predicate), and where the source was. */
    void add(CdcEvent event, Iterable<String> entities, SourcePosition at) {
        commitTs = Math.max(commitTs, event.commitTs());
        if (firstChangeAt == null || at.seenAt().isBefore(firstChangeAt)) {
            firstChangeAt = at.seenAt();
        }
        if (at.partition() != null) {
            offsets.merge(at.partition(), at.offset(), Math::max);
            if (at.commit() != null) {
                commits.put(at.partition(), at.commit());
            }
        }
        for (String entity : entities) {
            if (uidsByEntity.computeIfAbsent(entity, e -> new LinkedHashSet<>()).add(event.hexUid())) {
                uids++;
            }
        }
    }

    public Map<String, Set<String>> uidsByEntity() { return uidsByEntity; }
    public int uids() { return uids; }
    public long commitTs() { return commitTs; }
    public OffsetDateTime firstChangeAt() { return firstChangeAt; }
    /** Each Kafka partition's manual commit for the window's last record of it. */
    public Iterable<Object> kafkaCommits() { return commits.values(); }

    /** The position the source reaches with this window, over what was stored before it. */
    CdcTable.Position reaching(CdcTable.Position stored) {
        Map<String, Long> all = new TreeMap<>(SourcePosition.offsets(stored));
        offsets.forEach((partition, offset) -> all.merge(partition, offset, Math::max));
        long ts = stored == null ? commitTs : Math.max(stored.commitTs(), commitTs);
        return new CdcTable.Position(ts, SourcePosition.format(all));
    }
}
