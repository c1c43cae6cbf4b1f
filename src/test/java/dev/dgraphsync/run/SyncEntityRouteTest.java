package dev.dgraphsync.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgraphsync.source.DgraphResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code sync-entity} route as shipped, its loop included, in a second: the category entity's run against a
 * Dgraph played by the test (the {@code dgraph-request} route's HTTP call answered in place), into H2 in memory.
 */
class SyncEntityRouteTest {

    private static final Pattern FIRST = Pattern.compile("first: (\\d+)");

    /** Seven categories, 0x1 … 0x7, each but the first under 0x1. */
    private final List<String> categories = new ArrayList<>();
    private final List<String> pageRequests = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();
    private ShippedRoutes routes;
    private int noAnswerOnRequest = -1;
    /** When set, the second page request waits until Camel begins to stop. */
    private CountDownLatch secondPageAsked;

    SyncEntityRouteTest() {
        for (int i = 1; i <= 7; i++) {
            categories.add("""
                    {"uid": "0x%x", "Category.name": "c%d", "Category.description": "d",
                     "Category.parentCategory": %s, "Category.createdAt": "2026-01-01T00:00:00Z",
                     "Category.updatedAt": "2026-01-0%dT00:00:00Z"}""".formatted(i, i, i == 1 ? "null"
                    : "{\"uid\": \"0x1\"}", i));
        }
    }

    @AfterEach
    void stop() {
        if (routes != null) {
            routes.close();
        }
    }

    @Test
    void aRunReadsEveryPageWritesItsRowsAndEdgesInBatchesAndEndsThePass() throws Exception {
        routes = ShippedRoutes.start(this::dgraph, Map.of("dgraph.sync.page-size", "3",
                "dgraph.sync.checkpoint-interval", "2"));

        routes.run("category");
        awaitRunsEnded(1);

        assertThat(routes.query("SELECT status FROM sync_run WHERE entity = 'category'", String::valueOf))
                .containsExactly("SUCCEEDED");
        assertThat(routes.query("SELECT name FROM category ORDER BY category_id", String::valueOf))
                .containsExactly("c1", "c2", "c3", "c4", "c5", "c6", "c7");
        assertThat(routes.query("SELECT COUNT(*) FROM relationship WHERE relationship_type = 'HAS_PARENT'",
                v -> ((Number) v).intValue())).containsExactly(6);
        assertThat(pageRequests).as("a first page of one batch, then full pages until a short one")
                .extracting(r -> first(r)).containsExactly(2, 3, 3);
        PageCursor checkpoint = routes.bean("checkpointStore", CheckpointStore.class).load("category");
        assertThat(checkpoint.inPass()).as("the pass ended").isFalse();
        assertThat(checkpoint.from()).as("the next pass reads what changed since this one began").isNotNull();
    }

    /** A page Dgraph did not answer is asked again, the same request, by the run's redelivery of its page step. */
    @Test
    void aPageWithoutAnAnswerIsAskedAgainAndNothingIsLostOrWrittenTwice() throws Exception {
        routes = ShippedRoutes.start(this::dgraph, Map.of("dgraph.sync.page-size", "3",
                "dgraph.sync.checkpoint-interval", "2"));
        noAnswerOnRequest = 1;

        routes.run("category");
        awaitRunsEnded(1);

        assertThat(routes.query("SELECT status FROM sync_run", String::valueOf)).containsExactly("SUCCEEDED");
        assertThat(routes.query("SELECT COUNT(*) FROM category", v -> ((Number) v).intValue())).containsExactly(7);
        assertThat(pageRequests).hasSize(4);
        assertThat(pageRequests.get(2)).as("the retry sends what the failed try sent").isEqualTo(pageRequests.get(1));
    }

    /**
     * Camel stops (a SIGTERM, a bundle stop) while a run reads: the run stops between two pages, once the batches it
     * handed over are written (the warehouse is closed after them, not under them); it ends STOPPED, and the next
     * start goes on from its checkpoint.
     */
    @Test
    void aRunUnderWayWhenCamelStopsEndsStoppedAndTheNextStartGoesOnFromItsCheckpoint() throws Exception {
        String warehouse = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Map<String, String> settings = Map.of("dgraph.sync.page-size", "3", "dgraph.sync.checkpoint-interval", "2",
                "warehouse.jdbc-url", warehouse);
        secondPageAsked = new CountDownLatch(1);
        routes = ShippedRoutes.start(this::dgraph, settings);

        routes.run("category");
        assertThat(secondPageAsked.await(30, TimeUnit.SECONDS)).isTrue();
        routes.close();

        assertThat(query(warehouse, "SELECT status FROM sync_run")).containsExactly("STOPPED");
        assertThat(query(warehouse, "SELECT category_id FROM category ORDER BY category_id"))
                .as("the first page's batch and the second's whole one; the half batch is dropped")
                .containsExactly("0x1", "0x2", "0x3", "0x4");
        assertThat(query(warehouse, "SELECT after_uid FROM sync_checkpoint")).containsExactly("0x4");

        secondPageAsked = null;
        routes = ShippedRoutes.start(this::dgraph, settings);
        routes.run("category");
        awaitRunsEnded(2);

        assertThat(routes.query("SELECT status FROM sync_run ORDER BY started_at", String::valueOf))
                .containsExactly("STOPPED", "SUCCEEDED");
        assertThat(routes.query("SELECT COUNT(*) FROM category", v -> ((Number) v).intValue())).containsExactly(7);
    }

    private static List<String> query(String jdbcUrl, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl, "sa", ""); var s = c.createStatement();
             var r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }

    /** The spec gives "the GraphQL endpoint URL": DQL goes to /query beside it. */
    @Test
    void theSpecsGraphqlEndpointUrlIsAskedAtTheAlphasBase() throws Exception {
        routes = ShippedRoutes.start(this::dgraph, Map.of("dgraph.url", "http://127.0.0.1:1/graphql"));

        routes.run("category");
        awaitRunsEnded(1);

        assertThat(routes.query("SELECT status FROM sync_run", String::valueOf)).containsExactly("SUCCEEDED");
        assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(url).isEqualTo("http://127.0.0.1:1/query"));
    }

    private void awaitRunsEnded(int runs) {
        await("the category run to end").atMost(Duration.ofSeconds(30)).until(() -> routes.query(
                "SELECT COUNT(*) FROM sync_run WHERE entity = 'category' AND status <> 'RUNNING'",
                v -> ((Number) v).intValue()).get(0) >= runs);
    }

    /** Dgraph as far as the category run asks it: its schema, then pages in uid order after {@code $after}. */
    private synchronized String dgraph(String url, String body) throws Exception {
        urls.add(url);
        JsonNode request = DgraphResponse.JSON.readTree(body);
        String query = request.path("query").asText();
        if (query.startsWith("schema")) {
            return Files.readString(Path.of("src/test/resources/dgraph/schema-answer.json"));
        }
        if (!query.contains("page(")) {
            throw new IOException("not a request of the category run: " + query);
        }
        pageRequests.add(body);
        if (pageRequests.size() - 1 == noAnswerOnRequest) {
            throw new ConnectException("Connection refused");
        }
        if (secondPageAsked != null && pageRequests.size() == 2) {
            secondPageAsked.countDown();
            RunLedger ledger = routes.bean("runLedger", RunLedger.class);
            await("Camel to begin stopping").atMost(Duration.ofSeconds(30)).until(ledger::isStopping);
        }
        String after = request.path("variables").path("$after").asText(null);
        int first = first(body);
        List<String> page = new ArrayList<>();
        for (int i = 0; i < categories.size() && page.size() < first; i++) {
            if (after == null || i + 1 > Long.parseLong(after.substring(2), 16)) {
                page.add(categories.get(i));
            }
        }
        return "{\"data\": {\"page\": [" + String.join(", ", page) + "]}}";
    }

    private static int first(String request) {
        Matcher m = FIRST.matcher(request);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
