package dev.dgraphsync.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A self-hosted Dgraph whose admin API wants a token ({@code dgraph alpha --security "token=…"}), started by the
 * project's script on ports of its own: schema metadata syncs with {@code dgraph.admin-token}; without one it fails
 * clearly while the entities still sync; a wrong one stops the start.
 */
class AdminTokenIT {

    private static final String TOKEN = "admin-7c1e-secret";
    private static final int OFFSET = RealDgraph.PORT_OFFSET + 100;
    private static final String URL = "http://127.0.0.1:" + (8080 + OFFSET);

    @TempDir
    Path dir;

    @BeforeAll
    static void tokenProtectedDgraph() throws Exception {
        script("start");
        script("reset"); // its data folder outlives a test run
        new dev.dgraphsync.sample.SampleCatalogLoader(URL, 7).load(30);
    }

    @AfterAll
    static void stop() throws Exception {
        script("stop");
    }

    @Test
    void schemaMetadataSyncsWithTheAdminToken() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", URL).set("dgraph.admin-token", TOKEN);
        assertThat(sync.once()).isZero();
        assertThat(new WarehouseRows(sync.jdbcUrl).byKey("SELECT type_name FROM schema_metadata"))
                .containsOnlyKeys("Category", "Attribute", "Product", "User", "Review");
    }

    @Test
    void withoutTheTokenSchemaMetadataFailsSayingWhyAndTheEntitiesStillSync() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", URL);
        assertThat(sync.once()).isEqualTo(1);
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        Map<String, Object> run = warehouse.query("SELECT status, error_message FROM sync_run WHERE entity = 'schema_metadata'").get(0);
        assertThat(run.get("status")).isEqualTo("FAILED");
        assertThat((String) run.get("error_message")).contains("Dgraph answered with errors and no data").contains("check dgraph.admin-token").doesNotContain(TOKEN);
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isEqualTo(30);
    }

    @Test
    void aWrongTokenStopsTheStartNamingTheSettingWritingNothingAndIsNeverShown() throws Exception {
        // The wrong token comes from the environment, as RecognisableSecrets.ADMIN_TOKEN.
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", URL);

        SyncRunner.Outcome outcome = sync.onceAsProcess(RecognisableSecrets.ENVIRONMENT);

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.commandLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("dgraph-sync: dgraph.admin-token: Dgraph refused the admin token"));
        RecognisableSecrets.assertNoneIn("the output", outcome.output());
        assertThat(dir.resolve("warehouse.mv.db")).doesNotExist();
    }

    private static void script(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/dgraph-local", command).inheritIO();
        pb.environment().putAll(Map.of("DGRAPH_HOME", Path.of("target/dgraph-token").toAbsolutePath().toString(),
                "DGRAPH_PORT_OFFSET", String.valueOf(OFFSET), "DGRAPH_ADMIN_TOKEN", TOKEN));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("bin/dgraph-local " + command + " (token) failed");
        }
    }
}
