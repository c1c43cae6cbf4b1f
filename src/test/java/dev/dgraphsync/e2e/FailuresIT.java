package dev.dgraphsync.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec's error rules against the real Dgraph: what fails, how it says so, and that nothing is lost. */
@ExtendWith(RealDgraph.class)
class FailuresIT {

    @TempDir
    Path dir;

    @BeforeAll
    static void sampleCatalog() throws Exception {
        RealDgraph.freshSample(150);
    }

    @Test
    void aDgraphErrorWithoutDataFailsThatEntitysRunAndLeavesItsCheckpointWhereItWas() throws Exception {
        SyncRunner sync = new SyncRunner(dir);
        assertThat(sync.once()).isZero();
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        Map<String, Object> before = warehouse.byKey(WarehouseRows.CHECKPOINTS).get("product");

        // A checkpoint that Dgraph cannot read (hand-edited, say): Dgraph answers HTTP 200, errors, no data.
        try (var c = java.sql.DriverManager.getConnection(sync.jdbcUrl, "sa", "")) {
            c.createStatement().executeUpdate("UPDATE sync_checkpoint SET next_from = cursor_from, after_uid = '0xZZ'"
                    + " WHERE entity = 'product'");
        }
        before = warehouse.byKey(WarehouseRows.CHECKPOINTS).get("product");
        assertThat(sync.once()).isEqualTo(1);

        Map<String, Object> failed = warehouse.query("SELECT status, error_message FROM sync_run WHERE entity = 'product'"
                + " ORDER BY started_at DESC LIMIT 1").get(0);
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat((String) failed.get("error_message")).contains("product: run failed after 0 page(s)")
                .contains("Dgraph answered with errors and no data").contains("parsing \"0xZZ\"");
        assertThat(warehouse.byKey(WarehouseRows.CHECKPOINTS).get("product")).isEqualTo(before);
        assertThat(warehouse.query("SELECT status FROM sync_run WHERE entity = 'category' ORDER BY started_at DESC LIMIT 1"))
                .singleElement().satisfies(r -> assertThat(r.get("status")).isEqualTo("SUCCEEDED"));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("dgraph.url", "ftp://127.0.0.1:8080", "must start with http:// or https://"),
                Arguments.of("dgraph.url", "", "missing"),
                Arguments.of("dgraph.sync.page-size", "0", "below the least allowed value, 1"),
                Arguments.of("dgraph.sync.page-size", "many", "is not a whole number"),
                Arguments.of("dgraph.sync.page-size", "3000000000", "is above the largest allowed value"),
                Arguments.of("dgraph.acl-namespace", "tenant-a", "is not a whole number"),
                Arguments.of("dgraph.sync.schedule", "every 5 minutes", "is not a Quartz cron expression"),
                Arguments.of("dgraph.api-key-header", "X Auth", "is not an HTTP header name"),
                Arguments.of("warehouse.jdbc-url", "h2:file:./data/x", "is not a JDBC URL"),
                Arguments.of("dgraph.sync.entities-dir", "no/such/folder", "does not exist"));
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @MethodSource("badSettings")
    void aBadSettingStopsWithExit2AndOneLineNamingItBeforeAnythingIsWritten(String setting, String value, String problem)
            throws Exception {
        SyncRunner sync = new SyncRunner(dir).set(setting, value);

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.commandLines()).as(outcome.output()).singleElement()
                .satisfies(line -> assertThat(line).startsWith("dgraph-sync: " + setting + ": ").contains(problem));
        assertThat(dir.resolve("warehouse.mv.db")).doesNotExist();
    }

    @Test
    void aTemplatedRouteNamingAnUnknownEntityStopsTheStartNamingIt() throws Exception {
        SyncRunner sync = new SyncRunner(dir).routes(routesWith("""
                - templatedRoute:
                    routeTemplateRef: sync-entity
                    routeId: sync-brand
                    parameters:
                      - name: entity
                        value: brnad
                """));

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.commandLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("a templated route of sync-entity").contains("entity 'brnad' is not defined in config/entities")
                .contains("known: attribute, category, product, review, user"));
        assertThat(dir.resolve("warehouse.mv.db")).doesNotExist();
    }

    @Test
    void anEntityFileWithoutATemplatedRouteStopsTheStartNamingIt() throws Exception {
        Path entities = Files.createDirectories(dir.resolve("entities"));
        try (Stream<Path> shipped = Files.list(Path.of("config/entities"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, entities.resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of("src/test/resources/brand/brand.yaml"), entities.resolve("brand.yaml"));
        // Brand is in Dgraph's schema (the file fits it): what is wrong is only that no route syncs it.
        RealDgraph.applySchema(Files.readString(RealDgraph.SCHEMA)
                + Files.readString(Path.of("src/test/resources/brand/brand.graphql")));
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.entities-dir", entities.toString());

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.commandLines()).singleElement().satisfies(line -> assertThat(line)
                .contains(entities.resolve("brand.yaml").toString())
                .contains("entity 'brand' has no templated route of sync-entity, so it would never be synced")
                .contains("routes/entities.camel.yaml"));
        assertThat(dir.resolve("warehouse.mv.db")).doesNotExist();
    }

    @Test
    void aTemplatedRouteWhoseScheduleIsNotACronStopsTheStartNamingIt() throws Exception {
        SyncRunner sync = new SyncRunner(dir).routes(routesWith("""
                - templatedRoute:
                    routeTemplateRef: sync-entity
                    routeId: sync-product-hourly
                    parameters:
                      - name: entity
                        value: product
                      - name: schedule
                        value: every hour
                """, "sync-product"));

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.commandLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("schedule of the templated route of entity 'product': 'every hour' is not a Quartz cron"));
        assertThat(dir.resolve("warehouse.mv.db")).doesNotExist();
    }

    @Test
    void anEntityYamlWithAnUnsafeNameStopsTheStartPointingAtTheFile() throws Exception {
        Path entities = copyOf(Path.of("config/entities"));
        Files.writeString(entities.resolve("brand.yaml"), """
                type: Brand
                key: brand_id
                cursor: updatedAt
                columns:
                  - { name: name, field: "name } } delete { <0x1> * * .", type: TEXT }
                  - { name: updated_at, field: updatedAt, type: TIMESTAMP }
                """);
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.entities-dir", entities.toString());

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.commandLines()).singleElement().satisfies(line -> assertThat(line)
                .contains(entities.resolve("brand.yaml").toString()).contains("columns[0].field"));
        assertThat(dir.resolve("warehouse.mv.db")).doesNotExist();
    }

    /** The shipped routes in a folder of the test's, with routes added to entities.camel.yaml (and one taken out). */
    private String routesWith(String added, String... removedRouteIds) throws Exception {
        Path routes = copyOf(Path.of("routes"));
        Path entities = routes.resolve("entities.camel.yaml");
        String text = Files.readString(entities);
        for (String id : removedRouteIds) {
            text = text.replaceAll("(?s)- templatedRoute:\\n\\s+routeTemplateRef: sync-entity\\n\\s+routeId: " + id
                    + "\\n.*?value: \\w+\\n", "");
        }
        Files.writeString(entities, text + "\n" + added);
        return "file:" + routes.toAbsolutePath() + "/*.camel.yaml";
    }

    @Test
    void aWarehouseFileLockedByAnotherProcessStopsTheRunWithExit2AndTheNextRunCompletes() throws Exception {
        SyncRunner sync = new SyncRunner(dir);
        try (java.sql.Connection held = java.sql.DriverManager.getConnection(sync.jdbcUrl, "sa", "")) {
            held.createStatement().execute("CREATE TABLE IF NOT EXISTS hold (x INT)");

            SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

            assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
            assertThat(outcome.commandLines()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("dgraph-sync: warehouse.jdbc-url: cannot connect to the warehouse").contains("already in use"));
        }
        assertThat(sync.once()).isZero();
        CatalogAssert.warehouseMatchesSource(sync.rows());
    }

    /** A copy of a folder of the project in the test's folder. */
    private Path copyOf(Path folder) throws Exception {
        Path copy = Files.createDirectories(dir.resolve(folder.getFileName()));
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    /** The lines the command itself printed (not the log lines). */
    @Test
    void anUnreachableWarehouseStopsWithExit2NamingTheSetting() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("warehouse.jdbc-url", "jdbc:postgresql://127.0.0.1:9/none")
                .set("warehouse.connect-timeout-ms", "500");

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.commandLines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("dgraph-sync: warehouse.jdbc-url: cannot connect to the warehouse").contains("refused"));
        assertThat(outcome.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Caused by");
    }
}
