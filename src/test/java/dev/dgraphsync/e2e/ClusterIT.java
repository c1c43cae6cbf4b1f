package dev.dgraphsync.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several {@code bin/dgraph-sync run} processes on one PostgreSQL warehouse, with {@code dgraph.cluster.enabled}: they
 * share one Quartz scheduler in the warehouse, so each firing of an entity's job runs on one of them and a job's runs
 * never overlap; an owner killed or paused is taken over; a paused owner that wakes up is fenced (its late batches
 * land nowhere). Every test ends with the warehouse equal to Dgraph ({@code verify}).
 */
@ExtendWith({RealDgraph.class, RealPostgres.class})
class ClusterIT {

    private static final String EVERY_2_SECONDS = "0/2 * * * * ?";
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    /** Each test's instances' logs and settings, kept for a look after: target/cluster-it/{test}. */
    private Path dir;
    private SyncRunner sync;
    private final Map<String, Process> instances = new LinkedHashMap<>();

    @BeforeEach
    void catalogAndWarehouse(TestInfo test) throws Exception {
        dir = Path.of("target/cluster-it", test.getTestMethod().orElseThrow().getName()).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        RealDgraph.freshSample(400);
        sync = RealPostgres.syncRunner(dir, "cluster_it")
                .set("dgraph.cluster.enabled", "true")
                .set("dgraph.cluster.checkin-interval-ms", "1000")
                .set("dgraph.sync.schedule", EVERY_2_SECONDS)
                .set("dgraph.sync.reconcile-schedule", "0/10 * * * * ?")
                .set("dgraph.sync.lookback-seconds", "5")
                .set("dgraph.sync.page-size", "50")
                .set("dgraph.sync.checkpoint-interval", "50");
    }

    @AfterEach
    void stopInstances() throws Exception {
        for (Process p : instances.values()) {
            if (p.isAlive()) {
                ProcessHandle.of(p.pid()).ifPresent(h -> signal(h.pid(), "CONT"));
                p.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Three instances under change: every entity's runs follow one another without overlapping, the instances share
     * the runs, and the warehouse ends equal to Dgraph.
     */
    @Test
    void threeInstancesUnderChangeConvergeWithoutTwoRunsOfAnEntityAtOnce() throws Exception {
        start("a");
        start("b");
        start("c");
        await("three instances checked in").atMost(DEADLINE).ignoreExceptions().until(() -> sync.rows().count(
                "SELECT COUNT(*) FROM qrtz_scheduler_state") == 3);
        Instant lastChange = change(Duration.ofSeconds(15));

        awaitConverged(lastChange);
        // Quartz gives each firing to whichever instance acquires it first, with no promise of turns: one instance can
        // take every firing for a while (a quiet machine makes that likelier), so the runs are watched until another
        // has taken some, each entity's job firing every 2 s.
        await("runs on more than one instance").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> sync.rows().count("SELECT COUNT(DISTINCT instance) FROM sync_run") > 1);
        stopAll();

        assertNoOverlappingRuns();
        assertThat(sync.verify()).isZero();
    }

    /**
     * The instance running the product job is killed: another takes the job within a schedule period plus Quartz's
     * check-in time (the check-in interval and its margin of 7.5 s), goes on from the checkpoint, and closes the dead
     * instance's RUNNING row as FAILED, saying why.
     */
    @Test
    void theOwnerKilledMidRunIsTakenOverAndItsRunClosedAsFailed() throws Exception {
        start("a");
        start("b");
        String owner = awaitProductRunUnderWay();
        Instant killedAt = Instant.now();
        instances.get(owner).destroyForcibly().waitFor();

        String survivor = owner.equals("a") ? "b" : "a";
        await("a product run of " + survivor + " after the kill").atMost(DEADLINE).until(() -> sync.rows().count(
                "SELECT COUNT(*) FROM sync_run WHERE entity = 'product' AND instance = '" + survivor
                        + "' AND status = 'SUCCEEDED' AND started_at > TIMESTAMP WITH TIME ZONE '" + killedAt + "'") > 0);
        Duration takeover = Duration.between(killedAt, Instant.now());
        System.out.printf("cluster: the product job taken over %.1f s after its owner was killed%n",
                takeover.toMillis() / 1000.0);
        assertThat(takeover).as("a schedule period + the check-in interval + 7.5 s, and the run itself")
                .isLessThan(Duration.ofSeconds(40));
        assertThat(sync.rows().query("SELECT status, error_message FROM sync_run WHERE entity = 'product' AND instance"
                + " = '" + owner + "' AND started_at < TIMESTAMP WITH TIME ZONE '" + killedAt + "' ORDER BY started_at DESC"
                + " LIMIT 1")).singleElement().satisfies(r -> {
                    assertThat(r.get("status")).isEqualTo("FAILED");
                    assertThat((String) r.get("error_message")).startsWith("superseded: run");
                });
        Instant lastChange = change(Duration.ofSeconds(3));
        awaitConverged(lastChange);
        stopAll();
        assertNoOverlappingRuns();
        assertThat(sync.verify()).isZero();
    }

    /**
     * The owner is paused (SIGSTOP) mid-run, between two transactions, for longer than the check-in time and the
     * lookback; meanwhile products change and another instance syncs them. Woken up (SIGCONT), the paused run's late
     * batch is fenced: its run ends FENCED, and nothing stale lands. (An owner paused inside a transaction holds its
     * checkpoint row: PostgreSQL ends that transaction after a minute, and the others go on then.)
     */
    @Test
    void aPausedOwnerThatWakesUpIsFencedAndNothingStaleLands() throws Exception {
        try (HeldConnections relay = new HeldConnections(RealPostgres.PORT)) {
            Instant pausedAt = stallTheOwnerWhileBSyncsPastTheLookback(relay, () -> {
                await("a's transactions ended").atMost(DEADLINE).until(() -> relay.openTransactions() == 0);
                signal(instances.get("a").pid(), "STOP");
            });

            relay.release(); // what a sent as it stopped reaches the warehouse as it wakes, not before
            signal(instances.get("a").pid(), "CONT");
            awaitFenced("a", pausedAt);
            assertThat(sync.verify()).as("verify, right after the paused run woke up").isZero();
            awaitConverged(Instant.now());
            stopAll();
            assertThat(sync.verify()).isZero();
        }
    }

    /**
     * The late writer: instance a's warehouse connection stalls (a TCP relay holds what it sends) after it has
     * read products and before it commits them; the products change again, b takes the job over, syncs them and goes
     * on past the lookback; then a's held batch goes through. It is fenced: a's run ends FENCED, nothing of it lands
     * (the warehouse equals Dgraph right away, without another run of a's to mend it), and the checkpoint is b's.
     */
    @Test
    void aWriterHeldBetweenItsReadAndItsCommitIsFencedAndNothingStaleLands() throws Exception {
        try (HeldConnections relay = new HeldConnections(RealPostgres.PORT)) {
            Instant heldAt = stallTheOwnerWhileBSyncsPastTheLookback(relay, () -> { });
            Instant checkpointOfB = checkpoint("product");

            relay.release();
            awaitFenced("a", heldAt);
            instances.get("a").destroy();
            assertThat(instances.get("a").waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(Files.readString(dir.resolve("a.log"))).contains("fenced");
            assertThat(checkpoint("product")).as("the checkpoint, b's or later: not put back").isAfterOrEqualTo(checkpointOfB);
            assertThat(sync.verify()).as("verify, right after the held batch went through").isZero();
        }
    }

    /**
     * A rolling update: a new instance starts, then the old one gets SIGTERM while it writes. The old one's run ends
     * STOPPED (no error), the new one goes on from the checkpoint, nothing is lost.
     */
    @Test
    void aRollingRestartLosesNothingAndTheStoppedRunEndsStopped() throws Exception {
        start("old");
        String owner = awaitProductRunUnderWay();
        assertThat(owner).isEqualTo("old");
        start("new");
        instances.get("old").destroy(); // SIGTERM
        assertThat(instances.get("old").waitFor(2, TimeUnit.MINUTES)).isTrue();

        Instant lastChange = change(Duration.ofSeconds(3));
        awaitConverged(lastChange);
        stopAll();
        String log = Files.readString(dir.resolve("old.log"));
        assertThat(log).doesNotContain(" ERROR ");
        assertThat(sync.rows().count("SELECT COUNT(*) FROM sync_run WHERE instance = 'old' AND status = 'FAILED'")).isZero();
        assertThat(sync.verify()).isZero();
    }

    /**
     * A {@code once} beside a running instance: the product job, under way on the instance, is left to it (said in a
     * line, exit 3), and no run of the once's writes products; the instance's run goes on and succeeds.
     */
    @Test
    void aOnceBesideTheClusterLeavesWhatAnInstanceRunsNowAndExits3() throws Exception {
        RealDgraph.freshSample(3000);
        // Pages of 5: the instance's product run lasts while the once starts.
        start("a", Map.of("DGRAPH_SYNC_PAGE_SIZE", "5", "DGRAPH_SYNC_CHECKPOINT_INTERVAL", "5"));
        assertThat(awaitProductRunUnderWay()).isEqualTo("a");

        assertThat(sync.once()).isEqualTo(3);

        assertThat(sync.rows().count("SELECT COUNT(*) FROM sync_run WHERE entity = 'product' AND instance <> 'a'"))
                .isZero();
        awaitConverged(Instant.now());
        stopAll();
        assertThat(sync.verify()).isZero();
    }

    /**
     * A Camel Main application of a user's own that adds the jar joins the cluster of a command-line instance with the
     * same settings (and the same Camel context name, which Camel's Quartz jobs carry): they share the runs, never two of an entity at once; the host's shutdown (SIGTERM) stops its run
     * under way cleanly (STOPPED, no error), and the warehouse ends equal to Dgraph.
     */
    @Test
    void aCamelMainHostJoinsTheClusterWithTheSameSettingsAndStopsCleanly() throws Exception {
        Path host = Files.createDirectories(dir.resolve("host"));
        ProcessBuilder hostCommand = CamelMainHost.project(host);
        Files.writeString(host.resolve("resources/application.properties"), Files.readString(sync.config()) + """
                camel.main.name = dgraph-sync
                camel.main.routes-include-pattern = classpath:dgraph-sync/routes/*.camel.yaml
                dgraph.sync.entities-dir = %s
                dgraph.cluster.instance-id = host
                """.formatted(Path.of("config/entities").toAbsolutePath()));
        LoggedProcess camelHost = LoggedProcess.start(hostCommand, dir.resolve("host.log"));
        try {
            start("cli");
            Instant lastChange = change(Duration.ofSeconds(10));
            awaitConverged(lastChange);
            await("runs of the host and the command line").atMost(DEADLINE).until(() -> sync.rows().count(
                    "SELECT COUNT(DISTINCT instance) FROM sync_run WHERE status = 'SUCCEEDED'") == 2);

            camelHost.process().destroy(); // SIGTERM: Camel Main's shutdown
            assertThat(camelHost.process().waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(camelHost.output()).doesNotContain(" ERROR ");
            assertThat(sync.rows().count("SELECT COUNT(*) FROM sync_run WHERE instance = 'host' AND status IN"
                    + " ('FAILED', 'RUNNING')")).isZero();
            awaitConverged(Instant.now());
            stopAll();
            assertNoOverlappingRuns();
            assertThat(sync.verify()).isZero();
        } finally {
            camelHost.process().destroyForcibly().waitFor();
        }
    }

    private void start(String instance) throws Exception {
        start(instance, Map.of());
    }

    private void start(String instance, Map<String, String> environment) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/dgraph-sync", "run", "--config", sync.config().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(instance + ".log").toFile());
        pb.environment().put("DGRAPH_CLUSTER_INSTANCE_ID", instance);
        pb.environment().putAll(environment);
        instances.put(instance, pb.start());
    }

    /**
     * Instance a's warehouse connections through the relay (which reads PostgreSQL's messages: no TLS). While they are
     * held, a's other writes wait for a connection rather than give up after 10 s, as on a network that stalls for
     * good: the held batch is the one that comes late.
     */
    private static Map<String, String> throughRelay(HeldConnections relay) {
        return Map.of("WAREHOUSE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + relay.port() + "/cluster_it"
                + "?sslmode=disable&gssEncMode=disable", "WAREHOUSE_CONNECT_TIMEOUT_MS", "600000");
    }

    /**
     * Instance a, its warehouse connections through the relay, owns the product job of a catalog of 3,000 (a run long
     * enough to stall in the middle); mid-run the relay holds its connections and {@code stall} stalls it further.
     * Then b starts, takes the job over, and syncs changes made meanwhile in a run that begins past the lookback.
     * When a's connections were held.
     */
    private Instant stallTheOwnerWhileBSyncsPastTheLookback(HeldConnections relay, Stall stall) throws Exception {
        RealDgraph.freshSample(3000);
        start("a", throughRelay(relay));
        assertThat(awaitProductRunUnderWay()).isEqualTo("a");
        relay.hold();
        Instant heldAt = Instant.now();
        stall.run();
        start("b");
        Instant lastChange = change(Duration.ofSeconds(4));
        awaitProductRunOfBPast(lastChange);
        return heldAt;
    }

    /** What stalls the owner beyond its held connections. */
    @FunctionalInterface
    private interface Stall {
        void run() throws Exception;
    }

    /** Until b has synced products in a run that began past the last change and its lookback. */
    private void awaitProductRunOfBPast(Instant lastChange) {
        OffsetDateTime pastTheLookback = lastChange.plusSeconds(6).atOffset(java.time.ZoneOffset.UTC);
        await("a product run of b that began past the lookback").atMost(DEADLINE).until(() -> sync.rows().count(
                "SELECT COUNT(*) FROM sync_run WHERE entity = 'product' AND instance = 'b' AND status = 'SUCCEEDED'"
                        + " AND started_at > TIMESTAMP WITH TIME ZONE '" + pastTheLookback + "'") > 0);
    }

    /** Until the instance's product run begun before {@code before} has ended FENCED. */
    private void awaitFenced(String instance, Instant before) {
        await(instance + "'s product run to end FENCED").atMost(DEADLINE).until(() -> sync.rows().count(
                "SELECT COUNT(*) FROM sync_run WHERE entity = 'product' AND instance = '" + instance + "' AND status ="
                        + " 'FENCED' AND started_at < TIMESTAMP WITH TIME ZONE '" + before + "'") == 1);
    }

    /** Where the entity's checkpoint stands: the start of its pass. */
    private Instant checkpoint(String entity) throws Exception {
        return (Instant) sync.rows().query("SELECT cursor_from FROM sync_checkpoint WHERE entity = '" + entity + "'")
                .get(0).get("cursor_from");
    }

    private void stopAll() throws Exception {
        for (Process p : instances.values()) {
            if (p.isAlive()) {
                p.destroy();
                assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            }
        }
    }

    /** Waits until a product run is under way with a batch committed; its instance. */
    private String awaitProductRunUnderWay() throws Exception {
        await("a product run with a batch committed").atMost(DEADLINE).ignoreExceptions().until(() -> sync.rows().count(
                "SELECT COUNT(*) FROM sync_run WHERE entity = 'product' AND status = 'RUNNING' AND rows_written >= 0"
                        + " AND checkpoint_before IS NOT NULL") > 0
                && sync.rows().count("SELECT COUNT(*) FROM sync_checkpoint WHERE entity = 'product'"
                        + " AND after_uid IS NOT NULL") > 0);
        return (String) sync.rows().query("SELECT instance FROM sync_run WHERE entity = 'product'"
                + " AND status = 'RUNNING' ORDER BY started_at DESC LIMIT 1").get(0).get("instance");
    }

    /**
     * Until every job has succeeded with a run that began after the change (and its lookback) and the deletes
     * reconciliation after it.
     */
    private void awaitConverged(Instant lastChange) {
        OffsetDateTime after = lastChange.plusSeconds(6).atOffset(java.time.ZoneOffset.UTC);
        await("every entity synced, and deletes reconciled, after the last change").atMost(DEADLINE).ignoreExceptions()
                .until(() -> sync.rows().count("SELECT COUNT(DISTINCT entity) FROM sync_run WHERE status = 'SUCCEEDED'"
                        + " AND started_at > TIMESTAMP WITH TIME ZONE '" + after + "' AND entity IN ('product', 'category',"
                        + " 'attribute', 'user', 'review', 'reconcile-deletes')") == 6);
    }

    /** For each entity, its runs one after another: none began before the one before it ended. */
    private void assertNoOverlappingRuns() throws Exception {
        assertThat(sync.rows().overlappingRuns()).as("runs of one entity at the same time").isEmpty();
        assertThat(sync.rows().count("SELECT COUNT(*) FROM sync_run WHERE status <> 'RUNNING'")).isGreaterThan(10);
    }

    /** Changes the catalog for this long (updates with and without a new updatedAt, deletes); the last change's time. */
    private Instant change(Duration during) throws Exception {
        List<String> products = new ArrayList<>();
        RealDgraph.graphql("{ queryProduct { id } }", null).path("queryProduct")
                .forEach(p -> products.add(p.path("id").asText()));
        AtomicInteger round = new AtomicInteger();
        long until = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < until) {
            int r = round.getAndIncrement();
            List<String> some = products.subList((r * 20) % (products.size() - 20), (r * 20) % (products.size() - 20) + 20);
            RealDgraph.graphql("mutation($id: [ID!], $n: String, $t: DateTime) { updateProduct(input: {filter: {id: $id},"
                    + " set: {name: $n, updatedAt: $t}}) { numUids } }",
                    Map.of("id", some, "n", "version " + r, "t", Instant.now().toString()));
            // Deletes stop short of the last 40 products: a fast Dgraph makes many rounds (the modulo above needs more than 20).
            if (r % 3 == 2 && products.size() > 40) {
                JsonNode deleted = RealDgraph.graphql("mutation($id: [ID!]) { deleteProduct(filter: {id: $id}) { numUids } }",
                        Map.of("id", List.of(products.remove(products.size() - 1))));
                assertThat(deleted.path("deleteProduct").path("numUids").asInt()).isEqualTo(1);
            }
        }
        return Instant.now();
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
