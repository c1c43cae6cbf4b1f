package dev.dgraphsync.cdc;

import dev.dgraphsync.source.CdcEvent;
import dev.dgraphsync.warehouse.CdcTable;
import org.apache.camel.Exchange;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which events of change data capture are still to apply; one already taken is skipped.
 * <ul>
 *   <li>A Kafka record: at or before the offset last taken from its partition (at the start, the warehouse's offset,
 *       where the consumer is also set to go on: {@link WarehouseOffsets}).</li>
 *   <li>A line of the file sink: before the commit last taken (at the start, the commit_ts stored in
 *       {@code sync_cdc}), or of that same commit and already taken by this process (a commit's events can span two
 *       windows, so after a restart the stored commit's events are taken once more: reading a node again is
 *       harmless).</li>
 * </ul>
 * Kafka sends records again after a rebalance, and camel-stream reads a file again from its first line when it changes
 * ({@code retry=true}): those are skipped. What Dgraph itself sends again after it restarts is read again, harmlessly.
 *
 * <p>Where a source starts (a Kafka partition's first record, a file's first line, a file read again from its start)
 * it must go on from the position: a Kafka offset past the stored one (retention passed it), or a file whose first event
 * is past the position (replaced or cut), is a gap, handed to {@link CdcGaps}.
 */
public class CdcPosition {

    private final Map<String, Long> lastSeen = new HashMap<>();
    private final Map<String, Long> takenOffsets = new HashMap<>();
    private final Set<String> takenAtLast = new HashSet<>();
    private CdcTable table;
    private CdcGaps gaps;
    private CdcTable.Position stored;
    private long lastTaken = Long.MIN_VALUE;
    private boolean loaded;

    /** Whether this event changes what is applied (a drop is a gap, and applies nothing itself). */
    public synchronized boolean isNew(Exchange exchange) {
        CdcEvent event = exchange.getMessage().getBody(CdcEvent.class);
        SourcePosition at = SourcePosition.of(exchange);
        CdcTable.Position position = stored();
        if (opens(at, event)) {
            checkContinuity(position, at, event);
        }
        if (at.partition() != null ? !takenFromKafka(position, at) : !takenFromFile(event)) {
            return false;
        }
        if (event.isDrop()) {
            gaps.found("Dgraph sent a '" + event.type() + "' event (commit_ts " + event.commitTs() + ", "
                    + event.predicate() + "): any node may have changed");
            return false;
        }
        return true;
    }

    /**
     * A Kafka record is taken once, by its offset: past the one last taken from its partition (at first, the
     * warehouse's). Not by commit_ts: the events of a cluster's groups, and of its namespaces, reach a partition each
     * on its own tick, so a later record can carry an earlier commit.
     */
    private boolean takenFromKafka(CdcTable.Position position, SourcePosition at) {
        Long last = takenOffsets.computeIfAbsent(at.partition(), p -> SourcePosition.offsets(position).get(p));
        if (last != null && at.offset() <= last) {
            return false;
        }
        takenOffsets.put(at.partition(), at.offset());
        return true;
    }

    /** A line of the file sink (one alpha's, in commit order) is taken by its commit, as the class comment says. */
    private boolean takenFromFile(CdcEvent event) {
        if (event.commitTs() < lastTaken || (event.commitTs() == lastTaken && !takenAtLast.add(event.change()))) {
            return false;
        }
        if (event.commitTs() > lastTaken) {
            lastTaken = event.commitTs();
            takenAtLast.clear();
            takenAtLast.add(event.change());
        }
        return true;
    }

    /** The position as stored (read once), or as the last window applied by this process brought it. */
    public synchronized CdcTable.Position stored() {
        if (!loaded) {
            stored = table.position();
            lastTaken = stored == null ? Long.MIN_VALUE : stored.commitTs();
            loaded = true;
        }
        return stored;
    }

    synchronized void applied(CdcTable.Position position) {
        stored = position;
        loaded = true;
    }

    /**
     * A Kafka partition's first record in this process; for another source its first event, or one before the event
     * read last (the source started again from an earlier point: camel-stream opened the file again).
     */
    private boolean opens(SourcePosition at, CdcEvent event) {
        if (at.partition() != null) {
            return lastSeen.put(at.partition(), at.offset()) == null;
        }
        Long before = lastSeen.put("", event.commitTs());
        return before == null || event.commitTs() < before;
    }

    private void checkContinuity(CdcTable.Position position, SourcePosition at, CdcEvent event) {
        if (position == null) {
            return;
        }
        Long offset = at.partition() == null ? null : SourcePosition.offsets(position).get(at.partition());
        if (offset != null) {
            if (at.offset() > offset + 1) {
                gaps.found("Kafka partition " + at.partition() + " goes on at offset " + at.offset()
                        + ", but the warehouse's position is offset " + offset + ": the records between are gone"
                        + " (retention passed them, or the topic was made again)");
            }
        } else if (event.commitTs() > position.commitTs()) {
            gaps.found("the source's first event is at commit_ts " + event.commitTs() + ", past the warehouse's position"
                    + " (commit_ts " + position.commitTs() + "): the file was replaced or cut, or the source is new");
        }
    }

    public void setTable(CdcTable table) { this.table = table; }
    public void setGaps(CdcGaps gaps) { this.gaps = gaps; }
}
