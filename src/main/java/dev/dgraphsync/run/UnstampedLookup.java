package dev.dgraphsync.run;

import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.source.DgraphRequest;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.source.IdScan;
import dev.dgraphsync.source.PageQuery;
import org.apache.camel.Exchange;

import dev.dgraphsync.warehouse.UnstampedTable;
import dev.dgraphsync.warehouse.UnstampedTable.Found;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Finds, once per incremental run, the entity's nodes that carry no cursor value: such a node cannot be told apart
 * as changed, so every pass reads it ({@link NextPageRequest} merges them into the pass's uid order). Two steps of
 * the route around one Dgraph request: {@link #request}, then {@link #read}. The nodes {@code verify --repair} asked
 * to be read again are read the same way.
 *
 * <p>Looking across the whole type reads the cursor's whole index, a cost that grows with the catalog (85 ms of
 * Dgraph's at 100,000 products, about 1 s at 1,000,000), so it is done once every {@code fullLookupMinutes} per
 * entity. In between, a run looks only at the nodes made since (uids above the highest the lookup before the last one
 * saw) and keeps reading the ones found before. A node that loses its cursor value, an older node given the type, or
 * one whose transaction took its uid before one lookup and committed after the next (Dgraph aborts a transaction 5
 * minutes after its last mutation by default) is found by the next lookup across the type. What the lookups found is
 * kept in the warehouse ({@link UnstampedTable}), so a process started later (the next {@code once}) goes on from
 * there as a long-lived one does.
 */
public class UnstampedLookup {

    /** Exchange property: whether this run's lookup is across the whole type (decided once, as it is asked). */
    static final String WHOLE_TYPE = "dgraphUnstampedWholeType";
    /** Exchange property: what the lookups before this run had found (none before the first). */
    private static final String BEFORE = "dgraphUnstampedBefore";

    private UnstampedTable saved;
    private SyncSettings settings = SyncSettings.defaults();
    private Clock clock = Clock.systemUTC();

    public void request(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        Found before = saved.load(run.name(), cursorOf(run)).orElse(null);
        boolean wholeType = wholeTypeDue(before);
        exchange.setProperty(WHOLE_TYPE, wholeType);
        exchange.setProperty(BEFORE, before);
        exchange.setProperty(DgraphRequest.BODY, wholeType ? PageQuery.unstampedRequest(run.entity())
                : PageQuery.newUnstampedRequest(run.entity(), before.lookAfter()));
    }

    public void read(Exchange exchange) {
        SyncRun run = SyncRun.of(exchange);
        JsonNode answer = exchange.getMessage().getBody(JsonNode.class);
        String what = run.name() + ", nodes without " + run.entity().cursor();
        JsonNode nodes = DgraphResponse.data(answer, "unstamped", what);
        JsonNode highest = DgraphResponse.data(answer, "highest", what);
        long[] uids = new long[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            uids[i] = IdScan.parse(nodes.get(i).path("uid").asText());
        }
        Found before = exchange.getProperty(BEFORE, Found.class);
        boolean wholeType = exchange.getProperty(WHOLE_TYPE, true, Boolean.class);
        String highestNow = highest.isEmpty() ? null : highest.get(0).path("uid").asText();
        Found now = wholeType ? new Found(uids, highestNow, highestNow, OffsetDateTime.now(clock))
                : new Found(LongStream.concat(Arrays.stream(before.uids()), Arrays.stream(uids)).distinct().toArray(),
                        highestNow, before.highest(), before.wholeTypeAt());
        if (!wholeTypeEvery().isZero() && !now.sameAs(before)) {
            saved.save(run.name(), cursorOf(run), now);
        }
        run.window(UnstampedWindow.of(LongStream.concat(Arrays.stream(now.uids()),
                run.repairs().stream().mapToLong(r -> IdScan.parse(r.nodeId()))).toArray()));
    }

    private static String cursorOf(SyncRun run) {
        return run.entity().predicate(run.entity().cursor());
    }

    /**
     * A lookup across the whole type: the first (nothing kept in the warehouse), one after a type without nodes, or one
     * now due.
     */
    private boolean wholeTypeDue(Found before) {
        return before == null || before.highest() == null
                || !clock.instant().isBefore(before.wholeTypeAt().toInstant().plus(wholeTypeEvery()));
    }

    /** Where what the lookups found is kept for the next run, in this process or the next one. */
    public void setSaved(UnstampedTable saved) { this.saved = saved; }

    /** {@code dgraph.sync.unstamped-full-lookup-minutes}: 0 looks across the whole type on every run. */
    public void setSettings(SyncSettings settings) {
        this.settings = settings;
    }

    private Duration wholeTypeEvery() {
        return Duration.ofMinutes(settings.number(Setting.UNSTAMPED_FULL_LOOKUP_MINUTES));
    }

    void setClock(Clock clock) { this.clock = clock; }
}
