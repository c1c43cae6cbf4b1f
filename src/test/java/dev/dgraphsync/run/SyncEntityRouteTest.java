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
