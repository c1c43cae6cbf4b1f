package dev.dgraphsync.cdc;

import dev.dgraphsync.source.CdcEvent;
import dev.dgraphsync.warehouse.CdcTable;
import org.apache.camel.Exchange;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which events of change data capture are still to apply. Events come in commit order; one already taken is skipped:
 * <ul>
 *   <li>an event before the commit last taken (at the start, the commit_ts stored in {@code sync_cdc});</li>
 *   <li>an event of that same commit already taken by this process (a commit's events can span two windows, so after
 *       a restart the stored commit's events are taken once more: reading a node again is harmless).</li>
 * </ul>
 * Dgraph sends events again after it restarts, Kafka after a stop before its offsets were committed, and camel-stream
 * reads a file again from its first line when it changes ({@code retry=true}): all of those are skipped.
 *
 * <p>Where a source starts (a Kafka partition's first record, a file's first line, a file read again from its start)
 * it must go on from the position: a Kafka offset past the stored one (retention passed it), or a file whose first event
 * is past the position (replaced or cut), is a gap, handed to {@link CdcGaps}.
 */
public class CdcPosition {

    private final Map<String, Long> lastSeen = new HashMap<>();
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
        if (event.commitTs() < lastTaken || (event.commitTs() == lastTaken && !takenAtLast.add(event.change()))) {
            return false;
        }
        if (event.commitTs() > lastTaken) {
            lastTaken = event.commitTs();
            takenAtLast.clear();
            takenAtLast.add(event.change());
        }
        if (event.isDrop()) {
            gaps.found("Dgraph sent a '" + event.type() + "' event (commit_ts " + event.commitTs() + ", "
                    + event.predicate() + "): any node may have changed");
            return false;
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
