package dev.dgraphsync.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's {@code camel run} command, run by Camel JBang 4.17 (camel-jbang-core from Maven Central): the route
 * YAML, the config, and the project's jar, with nothing of the project on the launcher's own class path.
 */
@ExtendWith(RealDgraph.class)
class CamelRunIT {

    /** Exactly the README's arguments after {@code camel run routes/*.camel.yaml}. */
    static final List<String> ARGS = List.of("config/application.properties", "target/dgraph-sync-0.1.0-SNAPSHOT.jar");

    /** Kept when the test fails: its process's log is in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    /** On its schedule, and a rename without a new {@code updatedAt} through the alpha's change data capture. */
    @Test
    void camelRunSyncsTheSampleCatalogOnItsScheduleAndChangesThroughCdc() throws Exception {
        // Loaded before the alpha writes change data capture: only the test's own change comes through it.
        RealDgraph.freshSample(60);
        RealDgraph.withCdcFile(dir.resolve("cdc"), this::syncsOnItsScheduleAndThroughCdc);
    }

    private void syncsOnItsScheduleAndThroughCdc(Path sink) throws Exception {
        // AUTO_SERVER: the test reads the warehouse while camel run holds it open.
        String jdbcUrl = "jdbc:h2:file:" + dir.resolve("warehouse") + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE";

        List<String> command = new ArrayList<>(List.of(javaBin(), "-cp", launcherClassPath(),
                CamelJBang.class.getName(), "run"));
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            routes.map(Path::toString).filter(f -> f.endsWith(".camel.yaml")).sorted().forEach(command::add);
        }
        command.addAll(ARGS);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("DGRAPH_URL", RealDgraph.URL);
        pb.environment().put("WAREHOUSE_JDBC_URL", jdbcUrl);
        pb.environment().put("DGRAPH_SYNC_SCHEDULE", "0/2 * * * * ?");
        pb.environment().put("DGRAPH_CDC_ENDPOINT", RealDgraph.fileSinkEndpoint(sink));
        LoggedProcess camel = LoggedProcess.start(pb, dir.resolve("camel-run.log"));
        try {
            WarehouseRows warehouse = new WarehouseRows(jdbcUrl);
            camel.awaitProductsSynced("dgraph-sync", warehouse, 60, Duration.ofMinutes(5));
            assertThat(warehouse.count("SELECT COUNT(*) FROM relationship")).isPositive();

            String id = warehouse.query("SELECT MIN(product_id) AS id FROM product").get(0).get("id").toString();
            RealDgraph.renameWithoutStamp(id, "renamed under camel run");
            await("the rename through CDC").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> warehouse.count("SELECT COUNT(*) FROM product WHERE product_id = '" + id
                            + "' AND name = 'renamed under camel run'") == 1);
        } finally {
            camel.process().destroy();
            camel.process().waitFor();
        }
    }

    /** Camel JBang and its dependencies only: the project's classes and libraries must come from the command line. */
    private static String launcherClassPath() {
        List<String> ours = List.of("target/classes", "dgraph-sync-", "h2database", "HikariCP", "graphql-java", "jackson-dataformat-yaml",
                "postgresql", "snakeyaml/1", "slf4j-simple", "micrometer", "prometheus", "dropwizard", "camel-platform-http-main",
                "camel-platform-http-vertx", "camel-kafka", "kafka-clients", "camel-stream");
        return String.join(File.pathSeparator, Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> ours.stream().noneMatch(entry::contains)).toList());
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
