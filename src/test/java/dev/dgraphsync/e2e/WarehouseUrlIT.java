package dev.dgraphsync.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any H2 URL a user writes works: the connector sets up what it needs itself (the spec's column
 * {@code attribute.value}, durable commits); and a warehouse that is busy for a moment at start is waited for, not
 * taken for a bad setting.
 */
@ExtendWith(RealDgraph.class)
class WarehouseUrlIT {

    @TempDir
    Path dir;

    @Test
    void aPlainH2UrlSyncsEveryTableWithTheSpecsValueColumnAndDurableCommits() throws Exception {
        RealDgraph.freshSample(40);
        String plain = "jdbc:h2:file:" + dir.resolve("warehouse").toAbsolutePath();
        SyncRunner sync = new SyncRunner(dir).set("warehouse.jdbc-url", plain);

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isZero();
        // A reader of its own (a BI tool) says NON_KEYWORDS in its session, or quotes "VALUE".
        WarehouseRows reader = new WarehouseRows(plain + ";NON_KEYWORDS=VALUE");
        CatalogAssert.warehouseMatchesSource(reader);
        assertThat(reader.count("SELECT COUNT(*) FROM attribute WHERE \"VALUE\" IS NOT NULL")).isPositive();
        // The database keeps the connector's SET WRITE_DELAY 0 among its settings (and each start of the connector sets
        // it again: H2 applies it to the process that set it; WarehouseTablesTest reads it there).
        assertThat(reader.query("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"))
                .extracting(row -> row.get("setting_value")).contains("0");
    }

    @Test
    void aWarehouseFileHeldByAnotherProgramAtStartIsWaitedForThenSynced() throws Exception {
        RealDgraph.freshSample(40);
        String url = "jdbc:h2:file:" + dir.resolve("warehouse").toAbsolutePath();
        SyncRunner sync = new SyncRunner(dir).set("warehouse.jdbc-url", url);
        LoggedProcess once;
        try (Connection other = DriverManager.getConnection(url, "sa", "")) { // holds the file, as a BI tool would
            once = LoggedProcess.start(new ProcessBuilder("bin/dgraph-sync", "once", "--reconcile", "--config",
                    sync.config().toString(), "--timeout-minutes", "5"), dir.resolve("once.log"));
            once.awaitOutput("warehouse: not reachable yet", Duration.ofMinutes(2));
            assertThat(once.output()).contains("trying again for up to 30 s");
        }
        assertThat(once.process().waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(once.process().exitValue()).as(once.output()).isZero();
        assertThat(new WarehouseRows(url + ";NON_KEYWORDS=VALUE").count("SELECT COUNT(*) FROM product")).isEqualTo(40);
    }
}
