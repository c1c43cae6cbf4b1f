package dev.dgraphsync.run;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.source.DgraphRequest;
import dev.dgraphsync.source.DgraphResponse;
import dev.dgraphsync.warehouse.UnstampedTable;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnstampedLookupTest {

    private final EntityCatalog catalog = InMemoryWarehouse.catalog();
    private final UnstampedLookup lookup = new UnstampedLookup();
    private final UnstampedTable table = new UnstampedTable();
    private Instant now = Instant.parse("2026-12-02T10:00:00Z");

    UnstampedLookupTest() {
        table.setTables(InMemoryWarehouse.tables(catalog));
        lookup.setSaved(table);
        lookup.setClock(new Clock() {
            @Override
            public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override
            public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override
            public Instant instant() { return now; }
        });
    }

    @Test
    void betweenLookupsAcrossTheTypeARunAsksOnlyForNewNodesAndKeepsReadingTheOnesFoundBefore() throws Exception {
        Exchange first = run();
        lookup.request(first);
        assertThat(query(first)).contains("NOT uid(later, earlier)").contains("highest(func: type(Category), first: -1)");
        List<String> read = answer(first, "[{\"uid\": \"0x5\"}, {\"uid\": \"0x9\"}]", "0x20");
        assertThat(read).containsExactly("0x5", "0x9");

        now = now.plus(Duration.ofMinutes(59));
        Exchange second = run();
        lookup.request(second);
        assertThat(query(second)).contains("after: $after").contains("NOT has(Category.updatedAt)")
                .doesNotContain("NOT uid(later, earlier)");
        assertThat(DgraphResponse.JSON.readTree(second.getProperty(DgraphRequest.BODY, String.class))
                .path("variables").path("$after").asText()).isEqualTo("0x20");
        assertThat(answer(second, "[{\"uid\": \"0x21\"}]", "0x22")).containsExactly("0x5", "0x9", "0x21");

        // After the highest uid the lookup before the last one saw: a transaction that took a lower uid than 0x22 and
        // committed after the last lookup is seen; what is found again is read once.
        Exchange third = run();
        lookup.request(third);
        assertThat(DgraphResponse.JSON.readTree(third.getProperty(DgraphRequest.BODY, String.class))
                .path("variables").path("$after").asText()).isEqualTo("0x20");
        assertThat(answer(third, "[{\"uid\": \"0x21\"}]", "0x22")).containsExactly("0x5", "0x9", "0x21");
        Exchange fourth = run();
        lookup.request(fourth);
        assertThat(DgraphResponse.JSON.readTree(fourth.getProperty(DgraphRequest.BODY, String.class))
                .path("variables").path("$after").asText()).isEqualTo("0x22");
        assertThat(answer(fourth, "[]", "0x22")).containsExactly("0x5", "0x9", "0x21");

        // An hour after the last lookup across the type: a node stamped since drops out, one that lost its stamp comes in.
        now = now.plus(Duration.ofMinutes(1));
        Exchange whole = run();
        lookup.request(whole);
        assertThat(query(whole)).contains("NOT uid(later, earlier)");
        assertThat(answer(whole, "[{\"uid\": \"0x3\"}, {\"uid\": \"0x21\"}]", "0x22")).containsExactly("0x3", "0x21");
    }

    @Test
    void aTypeWithoutNodesIsLookedAtWholeOnTheNextRunToo() throws Exception {
        Exchange first = run();
        lookup.request(first);
        assertThat(answer(first, "[]", null)).isEmpty();

        Exchange second = run();
        lookup.request(second);
        assertThat(query(second)).contains("NOT uid(later, earlier)");
    }

    @Test
    void aProcessStartedLaterGoesOnFromWhatTheLastOneFoundForTheSameCursorAndResetForgetsIt() throws Exception {
        Exchange first = run();
        lookup.request(first);
        assertThat(answer(first, "[{\"uid\": \"0x5\"}, {\"uid\": \"0xa9\"}]", "0xb0")).containsExactly("0x5", "0xa9");

        // The next once, half an hour later: a new process, same warehouse.
        now = now.plus(Duration.ofMinutes(30));
        UnstampedLookup next = nextProcess();
        Exchange second = run();
        next.request(second);
        assertThat(query(second)).contains("after: $after").doesNotContain("NOT uid(later, earlier)");
        assertThat(DgraphResponse.JSON.readTree(second.getProperty(DgraphRequest.BODY, String.class))
                .path("variables").path("$after").asText()).isEqualTo("0xb0");
        second.getMessage().setBody(DgraphResponse.JSON.readTree(
                "{\"data\": {\"unstamped\": [{\"uid\": \"0xb1\"}], \"highest\": [{\"uid\": \"0xb1\"}]}}"));
        next.read(second);
        assertThat(SyncRun.of(second).carryWindow(100)).containsExactly("0x5", "0xa9", "0xb1");

        // An hour after the first process's lookup across the type, the next process looks across it again.
        now = now.plus(Duration.ofMinutes(30));
        Exchange third = run();
        nextProcess().request(third);
        assertThat(query(third)).contains("NOT uid(later, earlier)");

        // Back to half an hour after it: what was kept is used, unless the entity now follows another cursor.
        now = now.minus(Duration.ofMinutes(30));
        Exchange kept = run();
        nextProcess().request(kept);
        assertThat(query(kept)).contains("after: $after");
        UnstampedTable.Found found = table.load("category", "Category.updatedAt").orElseThrow();
        table.save("category", "Category.createdAt", found);
        Exchange otherCursor = run();
        nextProcess().request(otherCursor);
        assertThat(query(otherCursor)).contains("NOT uid(later, earlier)");

        table.save("category", "Category.updatedAt", found);
        table.forget("category");
        Exchange afterReset = run();
        nextProcess().request(afterReset);
        assertThat(query(afterReset)).contains("NOT uid(later, earlier)");
    }

    private UnstampedLookup nextProcess() {
        UnstampedLookup next = new UnstampedLookup();
        next.setClock(Clock.fixed(now, ZoneOffset.UTC));
        next.setSaved(table);
        return next;
    }

    private Exchange run() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        new SyncRun(catalog.get("category"), new PageCursor(OffsetDateTime.parse("2026-12-01T00:00:00Z"), null, null),
                100, 100).attachTo(exchange);
        return exchange;
    }

    private static String query(Exchange exchange) throws Exception {
        return DgraphResponse.JSON.readTree(exchange.getProperty(DgraphRequest.BODY, String.class)).path("query").asText();
    }

    /** Dgraph's answer to the lookup; the nodes the run will read for want of a cursor value. */
    private List<String> answer(Exchange exchange, String unstamped, String highest) throws Exception {
        exchange.getMessage().setBody(DgraphResponse.JSON.readTree("{\"data\": {\"unstamped\": " + unstamped
                + ", \"highest\": " + (highest == null ? "[]" : "[{\"uid\": \"" + highest + "\"}]") + "}}"));
        lookup.read(exchange);
        return SyncRun.of(exchange).carryWindow(100);
    }
}
