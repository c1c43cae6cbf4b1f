package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpec;
import dev.dgraphsync.source.DgraphResponse;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a run pages through its pass, its window nodes included ({@link UnstampedWindowTest} holds the window alone). */
class SyncRunTest {

    private static final EntitySpec CATEGORY = new EntityCatalog().load().get("category");
    private static final PageCursor INCREMENTAL = new PageCursor(OffsetDateTime.parse("2026-12-01T00:00:00Z"), null, null);

    @Test
    void aRunsFirstPageHoldsOneBatchAndTheNextOnesAFullPageUntilOneComesBackShort() {
        SyncRun run = new SyncRun(CATEGORY, PageCursor.initial(), 10_000, 1_000);

        assertThat(run.isMorePages()).isTrue();
        assertThat(run.nextPageSize()).isEqualTo(1_000);
        run.pageRead(1_000, 1_000, "0x3e8");
        assertThat(run.isMorePages()).isTrue();
        assertThat(run.nextPageSize()).isEqualTo(10_000);
        run.pageRead(10_000, 10_000, "0x2af8");
        assertThat(run.isMorePages()).isTrue();
        assertThat(run.nextPageSize()).isEqualTo(10_000);
        run.pageRead(9_999, 9_999, "0x4e1f");

        assertThat(run.isMorePages()).isFalse();
        assertThat(run.readPosition()).isEqualTo("0x4e1f");
    }

    @Test
    void aShortFirstPageEndsThePassAndAPageSmallerThanABatchIsNeverEnlarged() {
        SyncRun small = new SyncRun(CATEGORY, PageCursor.initial(), 10_000, 1_000);
        small.pageRead(999, 999, "0x1");
        assertThat(small.isMorePages()).isFalse();

        SyncRun pagesOf100 = new SyncRun(CATEGORY, PageCursor.initial(), 100, 1_000);
        assertThat(pagesOf100.nextPageSize()).isEqualTo(100);
    }

    @Test
    void aFirstPassCarriesNoWindowNodes() {
        SyncRun run = new SyncRun(CATEGORY, PageCursor.initial(), 2, 2);
        run.window(UnstampedWindow.of(new long[] {0x10}));
        assertThat(run.carryWindow(run.nextPageSize())).as("a first pass reads every node anyway").isEmpty();
    }

    @Test
    void aNodeWithoutACursorValueIsNotPassedByWhenOnesCarriedBeforeItAreGoneFromTheType() throws Exception {
        SyncRun run = new SyncRun(CATEGORY, INCREMENTAL, 2, 2);
        run.window(UnstampedWindow.of(new long[] {0x10, 0x11, 0x12, 0x13, 0x14}));

        // 0x11 was deleted in Dgraph since the lookup; 0x20 changed since the pass's from.
        assertThat(run.carryWindow(run.nextPageSize())).containsExactly("0x10", "0x11");
        assertThat(read(run, "0x10", "0x20")).as("0x20 waits: 0x12 and 0x13 come before it").containsExactly("0x10");
        assertThat(run.isMorePages()).isTrue();
        assertThat(run.carryWindow(run.nextPageSize())).containsExactly("0x12", "0x13");
        assertThat(read(run, "0x12", "0x13")).containsExactly("0x12", "0x13");
        assertThat(run.isMorePages()).isTrue();
        assertThat(run.carryWindow(run.nextPageSize())).containsExactly("0x14");
        assertThat(read(run, "0x14", "0x20")).containsExactly("0x14", "0x20");
        assertThat(run.isMorePages()).isTrue();
        assertThat(run.carryWindow(run.nextPageSize())).isEmpty();
        assertThat(read(run)).isEmpty();

        assertThat(run.isMorePages()).isFalse();
    }

    @Test
    void aShortPageWhoseRequestLeftNodesWithoutACursorValueBehindGoesOnAfterThem() throws Exception {
        SyncRun run = new SyncRun(CATEGORY, INCREMENTAL, 2, 2);
        run.window(UnstampedWindow.of(new long[] {0x10, 0x11, 0x12}));

        run.carryWindow(run.nextPageSize());
        assertThat(read(run)).as("0x10 and 0x11 are both gone").isEmpty();
        assertThat(run.isMorePages()).isTrue();
        assertThat(run.readPosition()).isEqualTo("0x11");
        assertThat(run.carryWindow(run.nextPageSize())).containsExactly("0x12");
        assertThat(read(run, "0x12")).containsExactly("0x12");
        assertThat(run.isMorePages()).isFalse();
    }

    /** Dgraph's answer of these uids read as a page of the run: the uids synced now. */
    private static List<String> read(SyncRun run, String... uids) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        run.attachTo(exchange);
        StringBuilder page = new StringBuilder();
        for (String uid : uids) {
            page.append(page.length() == 0 ? "" : ", ").append("{\"uid\": \"").append(uid).append("\"}");
        }
        exchange.getMessage().setBody(DgraphResponse.JSON.readTree("{\"data\": {\"page\": [" + page + "]}}"));
        new PageRecords().process(exchange);
        List<String> read = new ArrayList<>();
        for (Object record : exchange.getMessage().getBody(List.class)) {
            read.add(((JsonNode) record).path("uid").asText());
        }
        return read;
    }
}
