package dev.dgraphsync.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Camel Main application of a user's own: its pom depends on the installed jar, its application.properties loads
 * the routes from the jar's class path, sets dgraph.url, names its own DataSource bean and keeps the entities in a
 * folder of its own, one of them new with its templated route in a route file of its own; it syncs the real Dgraph on
 * the schedules the entity files give.
 */
@ExtendWith(RealDgraph.class)
class CamelMainHostIT {

    /** Kept when the test fails: its process's log is in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path host;

    @Test
    void aCamelMainHostThatAddsTheJarSyncsIntoItsOwnDataSource() throws Exception {
        // Loaded before the alpha writes change data capture: only the test's own change comes through it.
        RealDgraph.freshSample(40);
        RealDgraph.withCdcFile(host.resolve("cdc"), this::syncsIntoItsOwnDataSource);
    }

    private void syncsIntoItsOwnDataSource(Path sink) throws Exception {
        ProcessBuilder start = CamelMainHost.project(host);
        // The host's DataSource is a plain JdbcDataSource (no pool): DB_CLOSE_DELAY=-1 keeps the database open in the
        // host between its connections, so the test's own reads (through AUTO_SERVER) never race it for the lock file
        // ("Lock file recently modified") as the database closes and opens again.
        String jdbcUrl = "jdbc:h2:file:" + host.resolve("warehouse").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        Path resources = host.resolve("resources");
        // Its entities, editable without compiling: a folder, and its own copy of the templated routes.
        Path entities = Files.createDirectories(host.resolve("entities"));
        try (java.util.stream.Stream<Path> shipped = Files.list(Path.of("config/entities"))) {
            for (Path file : shipped.toList()) {
                Files.copy(file, entities.resolve(file.getFileName()));
            }
        }
        // An entity of its own: a narrow table of Product nodes, its file and its templated route (no compiling).
        Files.writeString(entities.resolve("product_summary.yaml"), """
                type: Product
                table: product_summary
                key: product_summary_id
                cursor: updatedAt
                schedule: "0/2 * * * * ?"
                columns:
                  - { name: name, field: name, type: TEXT }
                  - { name: price, field: price, type: DECIMAL }
                  - { name: updated_at, field: updatedAt, type: TIMESTAMP }
                """);
        Path ownRoutes = Files.writeString(host.resolve("catalog-entities.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: sync-entity
                    routeId: sync-product-summary
                    parameters:
                      - name: entity
                        value: product_summary
                """);
        // Only the product runs, on its file's own schedule (the default one is far away).
        Files.writeString(entities.resolve("product.yaml"), "schedule: \"0/2 * * * * ?\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(resources.resolve("application.properties"), """
                camel.main.name = catalog-host
                camel.main.routes-include-pattern = classpath:dgraph-sync/routes/*.camel.yaml,file:%s
                dgraph.sync.entities-dir = %s
                dgraph.url = %s
                dgraph.sync.schedule = 0 0 0 1 1 ? 2099
                # The host's own DataSource, which the connector uses by name.
                camel.beans.catalogWarehouse = #class:org.h2.jdbcx.JdbcDataSource
                camel.beans.catalogWarehouse.url = %s
                camel.beans.catalogWarehouse.user = sa
                warehouse.datasource-name = catalogWarehouse
                dgraph.cdc.endpoint = %s
                """.formatted(ownRoutes, entities, RealDgraph.URL, jdbcUrl + ";DB_CLOSE_DELAY=-1",
                RealDgraph.fileSinkEndpoint(sink)));
        LoggedProcess camel = LoggedProcess.start(start, host.resolve("host.log"));
        try {
            WarehouseRows warehouse = new WarehouseRows(jdbcUrl + ";NON_KEYWORDS=VALUE");
            camel.awaitProductsSynced("catalog-host", warehouse, 40, Duration.ofMinutes(5));
            assertThat(warehouse.count("SELECT COUNT(*) FROM relationship")).isPositive();
            // Its table was made as the host started: an SQL error here is a failure, not "not yet".
            await("every product summary").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> warehouse.count("SELECT COUNT(*) FROM product_summary WHERE name IS NOT NULL") >= 40);
            assertThat(warehouse.count("SELECT COUNT(*) FROM product_summary WHERE name IS NOT NULL")).isEqualTo(40);
            assertThat(warehouse.count("SELECT COUNT(*) FROM sync_run WHERE entity IN ('category', 'attribute', 'user', 'review')")).as("the others wait")
                    .isZero();
            assertThat(camel.output()).doesNotContain("dgraph-sync-warehouse - Starting"); // no pool of ours

            // A rename without a new updatedAt comes through the alpha's change data capture, to both entities that
            // read Product.name.
            String id = warehouse.query("SELECT MIN(product_id) AS id FROM product").get(0).get("id").toString();
            RealDgraph.renameWithoutStamp(id, "renamed in the host");
            await("the rename through CDC, in product and product_summary").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200)).until(() -> warehouse.count("SELECT COUNT(*) FROM product WHERE"
                            + " product_id = '" + id + "' AND name = 'renamed in the host'") == 1 && warehouse.count(
                            "SELECT COUNT(*) FROM product_summary WHERE product_summary_id = '" + id
                            + "' AND name = 'renamed in the host'") == 1);
        } finally {
            camel.process().destroy();
            camel.process().waitFor(1, TimeUnit.MINUTES);
        }
    }
}
