package dev.dgraphsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changes in seconds, against a real Dgraph whose alpha writes change data capture to the source of the subclass (a
 * real Kafka, or its file sink), and {@code bin/dgraph-sync run} processes on {@code dgraph.cdc.endpoint} into a real
 * PostgreSQL. The scheduled passes and the reconciliation are out of reach: what lands, lands through CDC (or the passes
 * a gap runs). Every test ends with {@code verify} exiting 0.
 */
abstract class ChangeDataCaptureSuite {

    static final String NEVER = "0 0 0 1 1 ? 2099";
    private static final int PRODUCTS = 300;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    Path dir;
    SyncRunner sync;
    private int httpPort;
    private Process run;
    private int starts;

    /** {@code dgraph.cdc.endpoint} for this test. */
    abstract String endpoint(String test);

    /** How long a change may take to land: Dgraph's own delay (1 s for Kafka, 10 s for the file), and ours. */
    abstract Duration landsWithin();

    @BeforeEach
    void catalogAndWarehouse(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        dir = Path.of("target/cdc-it", getClass().getSimpleName(), name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        RealDgraph.freshSample(PRODUCTS);
        httpPort = freePort();
        sync = RealPostgres.syncRunner(dir, "cdc_it").set("dgraph.cdc.endpoint", endpoint(name))
                .set("dgraph.sync.schedule", NEVER).set("dgraph.sync.reconcile-schedule", NEVER)
                .set("dgraph.sync.schema-schedule", NEVER)
                .set("camel.management.enabled", "true").set("camel.management.port", String.valueOf(httpPort));
        assertThat(sync.once()).as("the first sync, before changes come by CDC").isZero();
    }

    @AfterEach
    void stopRun() throws Exception {
        if (run != null && run.isAlive()) {
            run.destroyForcibly().waitFor();
        }
    }

    /**
     * A rename that leaves {@code updatedAt} alone, a delete, a product moved to another category (its edge with it),
     * and a new product: each lands while {@code run} runs, none by a scheduled pass.
     */
    @Test
    void changesThatLeaveTheCursorAloneDeletesAndEdgesLandWithinSeconds() throws Exception {
        startCaughtUp();
        List<JsonNode> products = products(3);
        String renamed = products.get(0).path("id").asText();
        String deleted = products.get(1).path("id").asText();
        String moved = products.get(2).path("id").asText();
        String from = products.get(2).path("category").path("id").asText();
        String to = otherCategory(from);

        RealDgraph.graphql("mutation($id: [ID!]) { updateProduct(input: {filter: {id: $id}, set: {name: \"renamed by"
                + " CDC\"}}) { numUids } }", Map.of("id", List.of(renamed)));
        RealDgraph.graphql("mutation($id: [ID!]) { deleteProduct(filter: {id: $id}) { numUids } }",
                Map.of("id", List.of(deleted)));
        RealDgraph.graphql("mutation($id: [ID!], $c: ID!) { updateProduct(input: {filter: {id: $id}, set: {category:"
                + " {id: $c}}}) { numUids } }", Map.of("id", List.of(moved), "c", to));
        String now = Instant.now().toString();
        RealDgraph.graphql("mutation($p: [AddProductInput!]!) { addProduct(input: $p) { numUids } }", Map.of("p",
                List.of(Map.of("sku", "CDC-NEW-1", "name", "new by CDC", "price", 9.5, "inStock", true,
                        "category", Map.of("id", to), "createdAt", now, "updatedAt", now))));

        awaitLanded("the rename", "SELECT COUNT(*) FROM product WHERE product_id = '" + renamed
                + "' AND name = 'renamed by CDC'");
        awaitLanded("the delete, with every edge from or to the product", "SELECT COUNT(*) FROM product WHERE"
                + " product_id = '" + deleted + "' AND is_deleted AND (SELECT COUNT(*) FROM relationship WHERE (source_id = '"
                + deleted + "' OR target_id = '" + deleted + "') AND NOT is_deleted) = 0");
        awaitLanded("the move, and its edge", "SELECT COUNT(*) FROM product p JOIN relationship r ON r.source_id ="
                + " p.product_id AND r.relationship_type = 'BELONGS_TO_CATEGORY' AND NOT r.is_deleted WHERE p.product_id = '"
                + moved + "' AND p.category_id = '" + to + "' AND r.target_id = '" + to + "'");
        awaitLanded("the new product", "SELECT COUNT(*) FROM product WHERE sku = 'CDC-NEW-1' AND NOT is_deleted");
        assertThat(sync.rows().count("SELECT COUNT(*) FROM relationship WHERE source_id = '" + moved
                + "' AND target_id = '" + from + "' AND NOT is_deleted")).as("the edge to the old category").isZero();

        String scrape = get("http://127.0.0.1:" + httpPort + "/observe/metrics").body();
        assertThat(sample(scrape, "dgraph_cdc_events_total")).isPositive();
        assertThat(sample(scrape, "dgraph_cdc_uids_total")).isPositive();
        assertThat(sample(scrape, "dgraph_cdc_lag_seconds")).isBetween(0.0, 60.0);
        assertThat(get("http://127.0.0.1:" + httpPort + "/observe/health?exposureLevel=full").body())
                .contains("cdc");

        stop();
        assertThat(sync.rows().count("SELECT COUNT(*) FROM sync_cdc WHERE commit_ts > 0")).isEqualTo(1);
        assertThat(sync.rows().count("SELECT COUNT(*) FROM sync_repair")).as("requests left waiting").isZero();
        assertThat(sync.verify()).isZero();
    }

    /**
     * Changes keep coming while {@code run} is killed with SIGKILL, again and again, at moments its own runs set (a few
     * product runs after each start), and started again: once the changes stop, the warehouse is equal to Dgraph.
     */
    @Test
    void killedAtAnyMomentAndStartedAgainNothingIsLost() throws Exception {
        startCaughtUp();
        AtomicBoolean changing = new AtomicBoolean(true);
        AtomicInteger changes = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> change(changing, changes));
        try {
            for (int kill = 0; kill < 3; kill++) {
                if (kill > 0) {
                    start();
                }
                long runs = productRuns();
                int more = 1 + kill;
                await("product runs of this start").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                        .until(() -> productRuns() >= runs + more);
                run.destroyForcibly().waitFor();
            }
        } finally {
            changing.set(false);
            writer.join();
        }
        assertThat(changes.get()).isGreaterThan(20);
        start();
        await("the warehouse equal to Dgraph (verify exits 0)").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1)).until(() -> sync.verify() == 0);
        stop();
    }

    /** The products a gap test changes: one in the gap with a new updatedAt, one deleted in the gap, one after it. */
    record GapChanges(String stamped, String deleted, String after) {
    }

    /** In the gap: a rename that moves {@code updatedAt}, and a delete (an unstamped change would be lost for good). */
    static GapChanges changeInTheGap() throws Exception {
        List<JsonNode> products = products(3);
        GapChanges changes = new GapChanges(products.get(0).path("id").asText(), products.get(1).path("id").asText(),
                products.get(2).path("id").asText());
        RealDgraph.graphql("mutation($id: [ID!], $now: DateTime) { updateProduct(input: {filter: {id: $id}, set: {name:"
                + " \"changed in the gap\", updatedAt: $now}}) { numUids } }", Map.of("id", List.of(changes.stamped()),
                "now", Instant.now().toString()));
        RealDgraph.graphql("mutation($id: [ID!]) { deleteProduct(filter: {id: $id}) { numUids } }",
                Map.of("id", List.of(changes.deleted())));
        return changes;
    }

    /** After the gap, a change that shows it (a gap shows with the first event after it). */
    static void changeAfterTheGap(GapChanges changes) throws Exception {
        RealDgraph.renameWithoutStamp(changes.after(), "after the gap");
    }

    /** What the passes and the reconciliation bring once the gap is seen, beside what came after it. */
    void awaitTheGapMadeUpFor(GapChanges changes) {
        awaitLanded("the change after the gap", "SELECT COUNT(*) FROM product WHERE product_id = '" + changes.after()
                + "' AND name = 'after the gap'");
        awaitLanded("the change in the gap", "SELECT COUNT(*) FROM product WHERE product_id = '" + changes.stamped()
                + "' AND name = 'changed in the gap'");
        awaitLanded("the delete in the gap", "SELECT COUNT(*) FROM product WHERE product_id = '" + changes.deleted()
                + "' AND is_deleted");
    }

    /** Starts {@code bin/dgraph-sync run} on the test's settings, and waits until it reads changes. */
    void start() throws Exception {
        Path log = dir.resolve("run-" + (++starts) + ".log");
        run = new ProcessBuilder("bin/dgraph-sync", "run", "--config", sync.config().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await("run reading changes (" + log + ")").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .failFast("run ended: see " + log, () -> !run.isAlive())
                .until(() -> Files.readString(log).contains("CDC: changes from"));
    }

    /**
     * Starts {@code run} and waits until it has applied what the source already held: every event the alpha wrote
     * since the suite began (and, the first time an alpha writes CDC, its data's history) comes first. Caught up: no
     * window for 3 s, and no request waiting.
     */
    void startCaughtUp() throws Exception {
        start();
        await("run caught up with the source").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> sync.rows().count("SELECT COUNT(*) FROM sync_repair") == 0
                        && sync.rows().count("SELECT COUNT(*) FROM sync_cdc WHERE updated_at < CURRENT_TIMESTAMP"
                        + " - INTERVAL '3' SECOND") == 1);
    }

    /** Stops {@code run} as a service manager does (SIGTERM), and waits for it to end. */
    void stop() throws Exception {
        run.destroy();
        assertThat(run.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).as("run ended on SIGTERM").isTrue();
    }

    /** What every start of this test logged so far. */
    String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 1; i <= starts; i++) {
            all.append(Files.readString(dir.resolve("run-" + i + ".log")));
        }
        return all.toString();
    }

    void awaitLanded(String what, String countQuery) {
        await(what + " in the warehouse").atMost(landsWithin()).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> sync.rows().count(countQuery) == 1);
    }

    static List<JsonNode> products(int count) throws Exception {
        List<JsonNode> products = new ArrayList<>();
        RealDgraph.graphql("query($n: Int) { queryProduct(first: $n, order: {asc: sku}) { id category { id } } }",
                Map.of("n", count)).path("queryProduct").forEach(products::add);
        return products;
    }

    private static String otherCategory(String than) throws Exception {
        for (JsonNode c : RealDgraph.graphql("{ queryCategory { id } }", null).path("queryCategory")) {
            if (!c.path("id").asText().equals(than)) {
                return c.path("id").asText();
            }
        }
        throw new AssertionError("the sample has one category only");
    }

    private long productRuns() throws SQLException {
        return sync.rows().count("SELECT COUNT(*) FROM sync_run WHERE entity = 'product'");
    }

    /** Renames products (no new updatedAt) and now and then deletes one, until told to stop. */
    private static void change(AtomicBoolean changing, AtomicInteger changes) {
        Random random = new Random(7);
        try {
            List<JsonNode> products = products(PRODUCTS);
            while (changing.get()) {
                String id = products.get(random.nextInt(products.size())).path("id").asText();
                if (changes.incrementAndGet() % 25 == 0) {
                    RealDgraph.graphql("mutation($id: [ID!]) { deleteProduct(filter: {id: $id}) { numUids } }",
                            Map.of("id", List.of(id)));
                } else {
                    RealDgraph.graphql("mutation($id: [ID!], $n: String) { updateProduct(input: {filter: {id: $id}, set:"
                            + " {name: $n}}) { numUids } }", Map.of("id", List.of(id), "n", "name " + changes.get()));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static double sample(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(name + " in the scrape:\n" + scrape).isTrue();
        return Double.parseDouble(m.group(2));
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
