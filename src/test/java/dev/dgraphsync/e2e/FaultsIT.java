package dev.dgraphsync.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults a real Dgraph cannot be made to produce, injected by WireMock standing as a proxy in front of the real
 * Dgraph: what is transient is retried and the run completes with the right data; what is not fails at once.
 */
@ExtendWith(RealDgraph.class)
class FaultsIT {

    private static WireMockServer proxy;

    @TempDir
    Path dir;
    SyncRunner sync;

    @BeforeAll
    static void proxyInFrontOfDgraph() throws Exception {
        RealDgraph.freshSample(300);
        proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
    }

    @AfterAll
    static void stopProxy() {
        proxy.stop();
    }

    @BeforeEach
    void passThrough() {
        proxy.resetAll();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(RealDgraph.URL)));
        sync = new SyncRunner(dir).set("dgraph.url", proxy.baseUrl()).set("dgraph.response-timeout-ms", "1000");
    }

    static Stream<Arguments> transientFaults() {
        return Stream.of(
                Arguments.of("a burst of 503", 3, aResponse().withStatus(503).withBody("Service Unavailable")),
                Arguments.of("502 from a proxy", 2, aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")),
                Arguments.of("500", 2, aResponse().withStatus(500)),
                Arguments.of("a reset connection", 2, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("an empty answer", 1, aResponse().withFault(Fault.EMPTY_RESPONSE)),
                Arguments.of("a read timeout", 1, aResponse().withFixedDelay(2500).withBody("{}")),
                Arguments.of("JSON cut off mid-way", 2, aResponse().withStatus(200).withBody("{\"data\":{\"page\":[{\"uid\":\"0x")),
                Arguments.of("an HTML page with 200", 1, aResponse().withStatus(200).withBody("<html><body>Maintenance</body></html>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFaults")
    void aTransientFaultIsRetriedAndTheRunCompletesWithTheRightData(String fault, int times, ResponseDefinitionBuilder answer)
            throws Exception {
        faultFirst(times, answer);

        assertThat(sync.once()).isZero();

        assertThat(proxy.getAllScenarios().getScenarios()).as(proxy.getAllServeEvents().stream()
                        .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).distinct().toList().toString())
                .singleElement()
                .satisfies(s -> assertThat(s.getState()).as("every fault was served").isEqualTo("after " + times));
        CatalogAssert.warehouseMatchesSource(new WarehouseRows(sync.jdbcUrl));
    }

    @Test
    void a429IsRetriedNoSoonerThanItsRetryAfter() throws Exception {
        sync.set("dgraph.retry.max-delay-ms", "5000"); // a Retry-After is honoured up to the longest backoff
        faultFirst(1, aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("slow down"));

        assertThat(sync.once()).isZero();

        List<ServeEvent> queries = proxy.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/query")).toList();
        ServeEvent refused = queries.stream().filter(e -> e.getResponse().getStatus() == 429).findFirst().orElseThrow();
        ServeEvent retry = queries.stream().filter(e -> e != refused
                && e.getRequest().getBodyAsString().equals(refused.getRequest().getBodyAsString())).findFirst().orElseThrow();
        assertThat(retry.getRequest().getLoggedDate().getTime() - refused.getRequest().getLoggedDate().getTime())
                .as("ms between the 429 and its retry (retry delay otherwise 50 ms)").isGreaterThanOrEqualTo(1900);
        CatalogAssert.warehouseMatchesSource(new WarehouseRows(sync.jdbcUrl));
    }

    @Test
    void whenRetriesRunOutTheRunFailsSayingWhatWhichEntityAndWhichPageAndKeepsItsCheckpoint() throws Exception {
        sync.set("dgraph.retry.max-retries", "2");
        proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).willReturn(aResponse().withStatus(503).withBody("down")));

        assertThat(sync.once()).isEqualTo(1);

        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        Map<String, Object> run = warehouse.query("SELECT status, error_message FROM sync_run WHERE entity = 'product'").get(0);
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("error_message")).contains("product: run failed after 0 page(s), reading after uid none")
                .contains("HTTP 503 from Dgraph (/query): down");
        assertThat(warehouse.query("SELECT cursor_from, next_from, after_uid FROM sync_checkpoint WHERE entity = 'product'"))
                .as("no position (only the failed run's claim)").allSatisfy(r -> assertThat(r.values()).containsOnlyNulls());
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isZero();
        // 5 entities each tried 1 + 2 times, after the schema check at start (once, not retried). The reconciliation
        // asked nothing: a new warehouse has no row for it to judge.
        proxy.verify(1 + 15, postRequestedFor(urlEqualTo("/query")));
    }

    @Test
    void everyRequestHasItsOwnRetriesNotWhatEarlierPagesLeftOver() throws Exception {
        sync.set("dgraph.retry.max-retries", "2").set("dgraph.sync.page-size", "10");
        // Product requests in order: 2 faults (page 1 needs both its retries), pages 1-3, 2 faults (page 4 too).
        List<Boolean> faults = List.of(true, true, false, false, false, true, true);
        for (int i = 0; i < faults.size(); i++) {
            proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).withRequestBody(containing("Product.price"))
                    .inScenario("product requests").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after " + i)
                    .willSetStateTo("after " + (i + 1)).willReturn(faults.get(i)
                            ? aResponse().withStatus(503).withBody("busy") : aResponse().proxiedFrom(RealDgraph.URL)));
        }

        assertThat(sync.once()).isZero();

        assertThat(proxy.getAllScenarios().getScenarios()).singleElement()
                .satisfies(s -> assertThat(s.getState()).as("every fault was served").isEqualTo("after 7"));
        CatalogAssert.warehouseMatchesSource(new WarehouseRows(sync.jdbcUrl));
    }

    @Test
    void whenRetriesRunOutMidRunTheCheckpointStaysAtTheLastCommittedBatchAndTheNextRunCompletes() throws Exception {
        sync.set("dgraph.retry.max-retries", "2").set("dgraph.sync.page-size", "10")
                .set("dgraph.sync.checkpoint-interval", "10");
        // The first 3 product pages go through; from the 4th on, Dgraph is down.
        for (int i = 0; i < 3; i++) {
            proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).withRequestBody(containing("Product.price"))
                    .inScenario("product pages").whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after " + i)
                    .willSetStateTo("after " + (i + 1)).willReturn(aResponse().proxiedFrom(RealDgraph.URL)));
        }
        proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).withRequestBody(containing("Product.price"))
                .inScenario("product pages").whenScenarioStateIs("after 3")
                .willReturn(aResponse().withStatus(503).withBody("down")));

        assertThat(sync.once()).isEqualTo(1);

        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).as("3 batches of 10").isEqualTo(30);
        String lastCommitted = warehouse.query("SELECT product_id FROM product")
                .stream().map(r -> (String) r.get("product_id"))
                .max(java.util.Comparator.comparing(uid -> Long.decode(uid))).orElseThrow();
        assertThat(warehouse.byKey("SELECT entity, after_uid FROM sync_checkpoint").get("product"))
                .containsEntry("after_uid", lastCommitted);
        assertThat(failure("product")).contains("product: run failed after 3 page(s), reading after uid " + lastCommitted)
                .contains("HTTP 503 from Dgraph (/query): down");

        proxy.resetAll();
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(RealDgraph.URL)));
        assertThat(sync.once()).isZero();

        CatalogAssert.warehouseMatchesSource(warehouse);
    }

    @Test
    void connectionsRefusedUntilDgraphIsThereAreRetriedAndTheRunCompletes() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        // Nothing listens on the port yet: every request is refused until the proxy starts there. The credential
        // check at start cannot judge the key and token then, so it lets the runs go on.
        sync.set("dgraph.url", "http://127.0.0.1:" + port).set("dgraph.retry.max-retries", "100")
                .set("dgraph.api-key", "key-3f9a").set("dgraph.admin-token", "token-81c");
        var run = sync.onceInBackground();
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        await("every run started").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .failFast("the once ended before every run had started", run::isDone)
                .ignoreExceptionsInstanceOf(SQLException.class) // the run has not created its tables yet
                .until(() -> warehouse.count("SELECT COUNT(*) FROM sync_run WHERE status = 'RUNNING'") >= 6);
        WireMockServer late = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
        late.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(RealDgraph.URL)));
        late.start();
        try {
            assertThat(run.get(2, java.util.concurrent.TimeUnit.MINUTES)).isZero();
        } finally {
            late.stop();
        }

        CatalogAssert.warehouseMatchesSource(warehouse);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 401, 403})
    void aRefusedRequestFailsAtOnceWithoutRetryAndNoCheckpointMoves(int status) throws Exception {
        Map<String, Map<String, Object>> checkpoints = syncedOnce();
        proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).willReturn(aResponse().withStatus(status).withBody("no")));

        assertThat(sync.once()).isEqualTo(1);

        // the schema check at start (once), then one try of each entity and of the reconciliation
        proxy.verify(1 + 6, postRequestedFor(urlEqualTo("/query")));
        assertThat(failure("product")).contains("HTTP " + status + " from Dgraph (/query): no");
        assertThat(sync.rows().byKey(WarehouseRows.CHECKPOINTS)).isEqualTo(checkpoints);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X-Auth-Token", "Dg-Auth"})
    void theApiKeyTravelsInTheConfiguredHeaderOnEveryRequest(String header) throws Exception {
        sync.set("dgraph.api-key", "key-3f9a").set("dgraph.api-key-header", header);

        assertThat(sync.once()).isZero();

        assertThat(proxy.getAllServeEvents()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getRequest().getHeader(header)).isEqualTo("key-3f9a");
            assertThat(e.getRequest().containsHeader(header.equals("Dg-Auth") ? "X-Auth-Token" : "Dg-Auth")).isFalse();
        });
        // The start-up checks run once, as Camel starts, not with each making of the beans: Dgraph is asked once.
        assertThat(proxy.getAllServeEvents()).as("the key's check at start").filteredOn(e -> e.getRequest()
                .getBodyAsString().contains("credentials_check")).hasSize(1);
    }

    static Stream<Arguments> keyRefusals() {
        return Stream.of(
                Arguments.of("X-Auth-Token", aResponse().withStatus(401).withBody("{\"errors\":[{\"message\":\"Invalid X-Auth-Token\"}]}")),
                Arguments.of("Dg-Auth", aResponse().withStatus(200).withBody(
                        "{\"errors\":[{\"message\":\"unauthorized\",\"extensions\":{\"code\":\"ErrorUnauthorized\"}}],\"data\":null}")));
    }

    /** A hosted Dgraph refusing the key (a real self-hosted one ignores keys): the start stops, nothing is written. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("keyRefusals")
    void aWrongApiKeyStopsTheStartNamingTheSettingAndNothingIsWritten(String header, ResponseDefinitionBuilder refusal)
            throws Exception {
        proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).withHeader(header, equalTo("wrong-key-5d1"))
                .willReturn(refusal));
        sync.set("dgraph.api-key", "wrong-key-5d1").set("dgraph.api-key-header", header);

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.commandLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("dgraph-sync: dgraph.api-key: Dgraph refused the API key sent as " + header));
        assertThat(outcome.output()).doesNotContain("wrong-key-5d1");
        assertThat(proxy.getAllServeEvents()).as("only the checks at start reached Dgraph").isNotEmpty()
                .allSatisfy(e -> assertThat(e.getRequest().getBodyAsString()).containsAnyOf("credentials_check",
                        "schema {}", "getGQLSchema"))
                .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("credentials_check"));
        assertThat(dir.resolve("warehouse.mv.db")).doesNotExist();
    }

    @Test
    void errorUnauthorizedInABody200FailsAtOnceWithoutRetryAndNoCheckpointMoves() throws Exception {
        Map<String, Map<String, Object>> checkpoints = syncedOnce();
        proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).willReturn(aResponse().withStatus(200).withBody(
                "{\"errors\":[{\"message\":\"unauthorized\",\"extensions\":{\"code\":\"ErrorUnauthorized\"}}],\"data\":null}")));

        assertThat(sync.once()).isEqualTo(1);

        proxy.verify(1 + 6, postRequestedFor(urlEqualTo("/query")));
        assertThat(failure("product")).contains("Dgraph answered with errors and no data: unauthorized [ErrorUnauthorized] — check dgraph.api-key");
        assertThat(sync.rows().byKey(WarehouseRows.CHECKPOINTS)).isEqualTo(checkpoints);
    }

    /**
     * verify reads Dgraph through the sync's own request route: a 503, a reset connection and a body cut off mid-JSON
     * are retried as a sync retries them, and the warehouse is still found equal (it failed with an H2 error before).
     */
    @Test
    void verifyRetriesTransientFaultsAsASyncDoesAndFindsTheWarehouseEqual() throws Exception {
        syncedOnce();
        faultFirst(3, aResponse().withStatus(503).withHeader("Retry-After", "0").withBody("busy"));
        proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).withRequestBody(notMatching(".*schema \\{}.*"))
                .inScenario("faults").whenScenarioStateIs("after 3").willSetStateTo("after 4")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).withRequestBody(notMatching(".*schema \\{}.*"))
                .inScenario("faults").whenScenarioStateIs("after 4").willSetStateTo("after 5")
                .willReturn(aResponse().withStatus(200).withBody("{\"data\": {\"page\": [{\"uid\": \"0x")));

        assertThat(sync.verify()).isZero();

        assertThat(proxy.getAllScenarios().getScenarios()).singleElement()
                .satisfies(s -> assertThat(s.getState()).as("every fault was met").isEqualTo("after 5"));
    }

    /** A first run that completes; the checkpoints it left, by entity. The proxy forgets the requests it saw. */
    private Map<String, Map<String, Object>> syncedOnce() throws Exception {
        assertThat(sync.once()).isZero();
        proxy.resetRequests();
        return sync.rows().byKey(WarehouseRows.CHECKPOINTS);
    }

    @Test
    void recordsThatCannotBeReadAreSkippedAndCountedWithoutStoppingTheOthers() throws Exception {
        proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).withRequestBody(containing("Product.price"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("""
                        {"data":{"page":[
                          {"uid":"0x1","Product.sku":"BAD-DATE","Product.price":1,"Product.updatedAt":"yesterday"},
                          {"uid":"0x2","Product.sku":"GOOD","Product.name":"ok \\u05e9\\u05dc\\u05d5\\u05dd \\ud83d\\ude00","Product.price":1.5e+06,
                           "Product.inStock":true,"Product.updatedAt":"2025-01-01T00:00:00+05:30"},
                          {"uid":"0x3","Product.sku":"BAD-PRICE","Product.price":"abc","Product.updatedAt":"2025-01-01T00:00:00Z"},
                          {"uid":"not-a-uid","Product.sku":"BAD-ID","Product.price":2,"Product.updatedAt":"2025-01-01T00:00:00Z"}
                        ]}}""")));

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isZero();
        assertThat(outcome.output().lines().filter(l -> l.contains("product: skipped record")).toList())
                .as("one logged reason per record").satisfiesExactlyInAnyOrder(
                        l -> assertThat(l).contains("record 0x1:").contains("yesterday"),
                        l -> assertThat(l).contains("record 0x3:").contains("abc"),
                        l -> assertThat(l).contains("record not-a-uid:").contains("is not a Dgraph uid"));
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        assertThat(warehouse.query("SELECT product_id, sku, name, price, updated_at FROM product")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("sku", "GOOD").containsEntry("name", "ok \u05e9\u05dc\u05d5\u05dd \ud83d\ude00")
                        .containsEntry("price", new java.math.BigDecimal("1500000"))
                        .containsEntry("updated_at", java.time.Instant.parse("2024-12-31T18:30:00Z")));
        assertThat(warehouse.query("SELECT status, rows_written, rows_skipped FROM sync_run WHERE entity = 'product'"))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("status", "SUCCEEDED")
                        .containsEntry("rows_written", 1L).containsEntry("rows_skipped", 3L));
    }

    private String failure(String entity) throws Exception {
        return (String) new WarehouseRows(sync.jdbcUrl).query("SELECT error_message FROM sync_run WHERE entity = '"
                + entity + "' AND status = 'FAILED'").get(0).get("error_message");
    }

    /** The first {@code times} DQL requests get {@code answer}; the rest go through to Dgraph. */
    private static void faultFirst(int times, ResponseDefinitionBuilder answer) {
        for (int i = 0; i < times; i++) {
            // Not the schema check at start: it is not retried (a Dgraph that cannot answer it is not judged).
            proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).withRequestBody(notMatching(".*schema \\{}.*"))
                    .inScenario("faults")
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after " + i)
                    .willSetStateTo("after " + (i + 1)).willReturn(answer));
        }
    }
}
