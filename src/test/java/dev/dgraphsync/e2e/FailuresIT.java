package dev.dgraphsync.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec's error rules against the real Dgraph: what fails, how it says so, and that nothing is lost. */
@ExtendWith(RealDgraph.class)
class FailuresIT {

    private static final String SECRET = "sekret-4f9c2-do-not-print";

    @TempDir
    Path dir;

    @BeforeAll
    static void sampleCatalog() throws Exception {
        RealDgraph.reset(RealDgraph.SCHEMA);
        RealDgraph.loadSample(150);
    }

    @Test
    void aDgraphErrorWithoutDataFailsThatEntitysRunAndLeavesItsCheckpointWhereItWas() throws Exception {
        SyncRunner sync = new SyncRunner(dir);
        assertThat(sync.once()).isZero();
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        Map<String, Object> before = warehouse.byKey("SELECT * FROM sync_checkpoint").get("product");

        // A checkpoint that Dgraph cannot read (hand-edited, say): Dgraph answers HTTP 200, errors, no data.
        try (var c = java.sql.DriverManager.getConnection(sync.jdbcUrl, "sa", "")) {
            c.createStatement().executeUpdate("UPDATE sync_checkpoint SET next_from = cursor_from, after_uid = '0xZZ'"
                    + " WHERE entity = 'product'");
        }
        before = warehouse.byKey("SELECT * FROM sync_checkpoint").get("product");
        assertThat(sync.once()).isEqualTo(1);

        Map<String, Object> failed = warehouse.query("SELECT status, error_message FROM sync_run WHERE entity = 'product'"
                + " ORDER BY started_at DESC LIMIT 1").get(0);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat((String) failed.get("error_message")).contains("product: run failed after 0 page(s)")
                .contains("Dgraph answered with errors and no data").contains("parsing \"0xZZ\"");
        assertThat(warehouse.byKey("SELECT * FROM sync_checkpoint").get("product")).isEqualTo(before);
        assertThat(warehouse.query("SELECT status FROM sync_run WHERE entity = 'category' ORDER BY started_at DESC LIMIT 1"))
                .singleElement().satisfies(r -> assertThat(r.get("status")).isEqualTo("SUCCEEDED"));
    }

    @Test
    void aBadSettingStopsWithExit2NamingItBeforeAnythingIsWritten() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", "ftp://127.0.0.1:8080");
        assertThat(sync.once()).isEqualTo(2);
        sync.set("dgraph.url", RealDgraph.URL).set("dgraph.sync.page-size", "0");
        assertThat(sync.once()).isEqualTo(2);
        assertThat(dir.resolve("warehouse.mv.db")).doesNotExist();
    }

    @Test
    void anUnreachableWarehouseStopsWithExit2() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("warehouse.jdbc-url", "jdbc:postgresql://127.0.0.1:9/none")
                .set("warehouse.connect-timeout-ms", "500");
        assertThat(sync.once()).isEqualTo(2);
    }

    @Test
    void secretsNeverReachTheOutputNorTheRunHistory() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", "http://127.0.0.1:9")
                .set("dgraph.retry.max-retries", "1");
        ProcessBuilder pb = new ProcessBuilder("bin/dgraph-sync", "once", "--config", sync.config().toString())
                .redirectErrorStream(true);
        pb.environment().put("DGRAPH_API_KEY", SECRET);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("run failed").contains("Connection refused").doesNotContain(SECRET);
        List<Map<String, Object>> runs = new WarehouseRows(sync.jdbcUrl)
                .query("SELECT status, error_message FROM sync_run");
        assertThat(runs).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("FAILED");
            assertThat(String.valueOf(r.get("error_message"))).doesNotContain(SECRET);
        });
    }
}
