package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.source.DgraphRequest;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.source.PageQuery;
import org.apache.camel.Exchange;

import dev.dgraphsync.warehouse.RepairTable;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

/**
 * Finds, once per incremental run, the entity's nodes that carry no cursor value: such a node cannot be told apart
 * as changed, so every pass reads it ({@link NextPageRequest} merges them into the pass's uid order). Two steps of
 * the route around one Dgraph request: {@link #request}, then {@link #read}. The nodes {@code verify --repair} asked
 * to be read again are read the same way.
 *
 * <p>Looking across the whole type reads the cursor's whole index, a cost that grows with the catalog (85 ms of
 * Dgraph's at 100,000 products, about 1 s at 1,000,000), so a long-lived process does it once every
 * {@code fullLookupMinutes} per entity. In between, a run looks only at the nodes made since (uids above the highest
 * the lookup before the last one saw) and keeps reading the ones found before. A node that loses its cursor value, an
 * older node given the type, or one whose transaction took its uid before one lookup and committed after the next
 * (Dgraph aborts a transaction 5 minutes after its last mutation by default) is found by the next lookup across the
 * type. A {@code once} starts a process, so it always makes one.
 */
public class UnstampedLookup {

    /**
     * What the lookups of one entity found: the nodes without a cursor value, the type's highest uid, the uid the next
     * lookup of new nodes starts after (the highest the lookup before saw: a transaction that took its uid before
     * that lookup's and committed after it is still seen), and when the type was last looked at whole.
     */
    private record Found(long[] uids, String highest, String lookAfter, Instant wholeTypeAt) {
    }

    /** Exchange property: whether this run's lookup is across the whole type (decided once, as it is asked). */
    static final String WHOLE_TYPE = "dgraphUnstampedWholeType";

    private final Map<String, Found> found = new ConcurrentHashMap<>();
    private RepairTable repairs;
    private Duration wholeTypeEvery = Duration.ofMinutes(60);
    private Clock clock = Clock.systemUTC();

    public void request(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        Found before = found.get(run.name());
        boolean wholeType = wholeTypeDue(before);
        exchange.setProperty(WHOLE_TYPE, wholeType);
        exchange.setProperty(DgraphRequest.BODY, wholeType ? PageQuery.unstampedRequest(run.entity())
                : PageQuery.newUnstampedRequest(run.entity(), before.lookAfter()));
    }

    public void read(Exchange exchange) throws SQLException {
        SyncRun run = SyncRun.of(exchange);
        JsonNode answer = exchange.getMessage().getBody(JsonNode.class);
        String what = run.name() + ", nodes without " + run.entity().cursor();
        JsonNode nodes = DgraphResponse.data(answer, "unstamped", what);
        JsonNode highest = DgraphResponse.data(answer, "highest", what);
        long[] uids = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            uids[i] = IdScan.parse(nodes.get(i).path("uid").asText());
        }
        Found before = found.get(run.name());
        boolean wholeType = exchange.getProperty(WHOLE_TYPE, true, Boolean.class);
        String highestNow = highest.isEmpty() ? null : highest.get(0).path("uid").asText();
        Found now = wholeType ? new Found(uids, highestNow, highestNow, clock.instant())
                : new Found(LongStream.concat(Arrays.stream(before.uids()), Arrays.stream(uids)).distinct().toArray(),
                        highestNow, before.highest(), before.wholeTypeAt());
        found.put(run.name(), now);
        List<String> repair = repairs == null ? List.of() : repairs.pending(run.name());
        run.unstamped(LongStream.concat(Arrays.stream(now.uids()), repair.stream().mapToLong(IdScan::parse))
                .sorted().distinct().toArray());
    }

    /** A lookup across the whole type: the first in this process, one after a type without nodes, or one now due. */
    private boolean wholeTypeDue(Found before) {
        return before == null || before.highest() == null
                || !clock.instant().isBefore(before.wholeTypeAt().plus(wholeTypeEvery));
    }

    public void setRepairs(RepairTable repairs) { this.repairs = repairs; }

    /** {@code dgraph.sync.unstamped-full-lookup-minutes}: 0 looks across the whole type on every run. */
    public void setFullLookupMinutes(int minutes) { this.wholeTypeEvery = Duration.ofMinutes(minutes); }

    void setClock(Clock clock) { this.clock = clock; }
}
