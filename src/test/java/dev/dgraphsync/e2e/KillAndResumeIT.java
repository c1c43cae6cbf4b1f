package dev.dgraphsync.e2e;

import dev.dgraphsync.source.IdScan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code once} run killed with SIGKILL at many moments — starting, reading, writing, checkpointing — and started
 * again: after every kill the checkpoint claims only committed rows, and the run that finishes leaves a warehouse
 * identical to the source. The first kill of a round comes while the run starts; the others come as the run's own
 * log shows it under way (a few product batches committed, then a few milliseconds more), so that they land mid-pass
 * on a slow machine and a fast one alike.
 */
@ExtendWith(RealDgraph.class)
class KillAndResumeIT {

    private static final int PRODUCTS = 2500;
    private static final int ROUNDS = 5;
    private static final int KILLS_PER_ROUND = 5;

    @TempDir
    Path dir;

    @BeforeAll
    static void sampleCatalog() throws Exception {
        RealDgraph.freshSample(PRODUCTS);
    }

    @Test
    void aRunKilledAtAnyMomentAndStartedAgainEndsIdenticalToTheSource() throws Exception {
        SourceCatalog source = SourceCatalog.read();
        List<String> kills = new ArrayList<>();
        long compared = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path roundDir = Files.createDirectories(dir.resolve("round" + round));
            SyncRunner sync = new SyncRunner(roundDir).set("dgraph.sync.page-size", "50")
                    .set("dgraph.sync.checkpoint-interval", "50");
            WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
            for (int kill = 0; kill < KILLS_PER_ROUND; kill++) {
                Path log = roundDir.resolve("run.log");
                long before = productCommits(log);
                long started = System.nanoTime();
                Process run = start(sync, roundDir);
                // while starting; then after 1-4 product batches of this run and 0-90 ms more
                int batches = kill == 0 ? 0 : 1 + (kill + round) % 4;
                long moreMillis = kill == 0 ? 800 + round * 100L : (kill * 37L + round * 13L) % 100;
                boolean ended = !awaitProductCommits(run, log, before + batches)
                        || run.waitFor(moreMillis, TimeUnit.MILLISECONDS);
                double at = (System.nanoTime() - started) / 1e9;
                if (ended) {
                    kills.add(String.format("round %d at %.1f s: run had already ended (exit %d)", round, at, run.exitValue()));
                    continue;
                }
                run.destroyForcibly().waitFor();
                kills.add(String.format("round %d: SIGKILL at %.1f s, after %d batches of its own, then %s", round, at,
                        productCommits(log) - before, committed(warehouse)));
                checkpointsClaimOnlyCommittedRows(warehouse, source);
            }
            Process last = start(sync, roundDir);
            assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(last.exitValue()).as(Files.readString(roundDir.resolve("run.log"))).isZero();
            compared += CatalogAssert.warehouseMatchesSource(warehouse);
            assertThat(warehouse.query("SELECT status FROM sync_run WHERE entity = 'product' ORDER BY started_at DESC LIMIT 1"))
                    .singleElement().satisfies(r -> assertThat(r.get("status")).isEqualTo("SUCCEEDED"));
        }
        long killed = kills.stream().filter(k -> k.contains("SIGKILL")).count();
        System.out.printf("kill-and-resume: %d SIGKILLs, %d rows and edges compared%n  %s%n", killed, compared,
                String.join("\n  ", kills));
        assertThat(killed).as(String.join("\n", kills)).isGreaterThanOrEqualTo(20);
    }

    /** The product batches the round's runs have logged as committed so far. */
    private static long productCommits(Path log) throws java.io.IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("product: committed ")).count();
        }
    }

    /** Waits (with a deadline) until the log holds this many product commits; false if the run ended first. */
    private static boolean awaitProductCommits(Process run, Path log, long commits) throws Exception {
        // Polled every 5 ms: the kill is meant to land this soon after the batch.
        await(commits + " product commits in " + log + ", or the run ended").atMost(Duration.ofMinutes(2))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> productCommits(log) >= commits || !run.isAlive());
        return productCommits(log) >= commits;
    }

    private static Process start(SyncRunner sync, Path roundDir) throws Exception {
        return new ProcessBuilder("bin/dgraph-sync", "once", "--reconcile", "--config", sync.config().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(roundDir.resolve("run.log").toFile())).start();
    }

    /** What the warehouse held when the run died: product rows committed and the product checkpoint. */
    private static String committed(WarehouseRows warehouse) {
        try {
            List<Map<String, Object>> checkpoint = warehouse.query(
                    "SELECT after_uid, next_from FROM sync_checkpoint WHERE entity = 'product'");
            return warehouse.count("SELECT COUNT(*) FROM product") + " product rows committed, checkpoint "
                    + (checkpoint.isEmpty() ? "none" : checkpoint.get(0).get("next_from") == null ? "pass ended"
                    : "after uid " + checkpoint.get(0).get("after_uid"));
        } catch (Exception e) {
            return "no warehouse yet (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** For every entity in a pass: each source node up to the checkpoint's uid is in the warehouse, as in Dgraph. */
    private static void checkpointsClaimOnlyCommittedRows(WarehouseRows warehouse, SourceCatalog source) throws Exception {
        List<Map<String, Object>> checkpoints;
        try {
            checkpoints = warehouse.query("SELECT entity, after_uid FROM sync_checkpoint WHERE after_uid IS NOT NULL");
        } catch (Exception noTablesYet) {
            return;
        }
        for (Map<String, Object> checkpoint : checkpoints) {
            long upTo = IdScan.parse((String) checkpoint.get("after_uid"));
            Map<String, Map<String, Object>> expected = switch ((String) checkpoint.get("entity")) {
                case "product" -> source.products;
                case "review" -> source.reviews;
                case "category" -> source.categories;
                case "attribute" -> source.attributes;
                default -> source.users;
            };
            String table = checkpoint.get("entity").equals("user") ? "app_user" : (String) checkpoint.get("entity");
            String key = checkpoint.get("entity").equals("user") ? "user_id" : checkpoint.get("entity") + "_id";
            var stored = warehouse.byKey("SELECT " + key + " FROM " + table).keySet();
            List<String> missing = expected.keySet().stream()
                    .filter(uid -> IdScan.parse(uid) <= upTo && !stored.contains(uid)).toList();
            assertThat(missing).as("%s rows at or before the checkpoint %s but not in the warehouse (%d stored)",
                    table, checkpoint, stored.size()).isEmpty();
        }
    }
}
