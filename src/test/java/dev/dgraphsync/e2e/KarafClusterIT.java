package dev.dgraphsync.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Karaf node in the cluster, with the settings a command-line instance has: a real Apache Karaf (bin/karaf-local,
 * in a folder and on ports of its own) whose feature syncs into a PostgreSQL DataSource ({@code
 * dgraph-sync-postgresql}), beside a {@code bin/dgraph-sync run} on the same database. They share the runs, never two
 * of an entity at once; {@code bundle:stop} ends the Karaf node's run under way STOPPED, never FAILED; the warehouse
 * ends equal to Dgraph.
 */
@ExtendWith({RealDgraph.class, RealPostgres.class})
class KarafClusterIT {

    private static final KarafLocal KARAF = new KarafLocal(Path.of("target/karaf-cluster-it"), RealDgraph.PORT_OFFSET + 1);
    private static final String DATABASE = "karaf_cluster_it";
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    private Process commandLine;

    @AfterEach
    void stop() throws Exception {
        if (commandLine != null) {
            commandLine.destroyForcibly().waitFor();
        }
        KARAF.script("stop");
    }

    @Test
    void aKarafNodeSharesTheRunsWithACommandLineInstanceAndItsBundleStopEndsItsRunStopped() throws Exception {
        RealDgraph.freshSample(400);
        Path dir = Files.createDirectories(KARAF.home.resolve("cli"));
        SyncRunner sync = RealPostgres.syncRunner(dir, DATABASE)
                .set("dgraph.cluster.enabled", "true")
                .set("dgraph.cluster.checkin-interval-ms", "1000")
                .set("dgraph.sync.schedule", "0/2 * * * * ?")
                .set("dgraph.sync.reconcile-schedule", "0/10 * * * * ?")
                .set("dgraph.sync.lookback-seconds", "5")
                .set("dgraph.sync.page-size", "50")
                .set("dgraph.sync.checkpoint-interval", "50");

        KARAF.installFresh();
        Path etc = Files.createDirectories(KARAF.karaf().resolve("etc"));
        // The same settings; the warehouse is the feature's DataSource, made a PostgreSQL one.
        Files.writeString(etc.resolve("dev.dgraphsync.cfg"), String.join("\n",
                "dgraph.url = " + RealDgraph.URL,
                "dgraph.cluster.enabled = true",
                "dgraph.cluster.checkin-interval-ms = 1000",
                "dgraph.cluster.instance-id = karaf",
                "dgraph.sync.schedule = 0/2 * * * * ?",
                "dgraph.sync.reconcile-schedule = 0/10 * * * * ?",
                "dgraph.sync.lookback-seconds = 5",
                "dgraph.sync.page-size = 50",
                "dgraph.sync.checkpoint-interval = 50",
                ""), StandardCharsets.UTF_8);
        Files.writeString(etc.resolve("org.ops4j.datasource-dgraphsync.cfg"), String.join("\n",
                "osgi.jdbc.driver.name = PostgreSQL JDBC Driver",
                "dataSourceName = dgraphsync",
                "url = " + RealPostgres.url(DATABASE),
                "user = " + RealPostgres.USER,
                "password = " + RealPostgres.PASSWORD,
                "pool = hikari",
                "xa = false",
                "hikari.maximumPoolSize = 8",
                ""), StandardCharsets.UTF_8);
        KARAF.script("start");
        KARAF.script("deploy");
        KARAF.client("feature:install dgraph-sync-postgresql");

        commandLine = new ProcessBuilder("bin/dgraph-sync", "run", "--config", sync.config().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("cli.log").toFile()).start();
        WarehouseRows rows = sync.rows();
        await("runs of Karaf and of the command line, every product in the warehouse (see "
                + KARAF.karaf().resolve("data/log/karaf.log") + ", " + dir.resolve("cli.log") + ")").atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> rows.count("SELECT COUNT(DISTINCT instance) FROM sync_run WHERE status = 'SUCCEEDED'") == 2
                        && rows.count("SELECT COUNT(DISTINCT entity) FROM sync_run WHERE status = 'SUCCEEDED' AND entity"
                                + " IN ('product', 'category', 'attribute', 'user', 'review')") == 5
                        && rows.count("SELECT COUNT(*) FROM product WHERE NOT is_deleted") == 400);

        KARAF.client("bundle:stop dev.dgraphsync");
        assertThat(rows.count("SELECT COUNT(*) FROM sync_run WHERE instance = 'karaf' AND status IN ('RUNNING',"
                + " 'FAILED')")).as("Karaf's runs, ended as the bundle stopped").isZero();
        assertThat(Files.readAllLines(KARAF.karaf().resolve("data/log/karaf.log"))).as("Karaf's errors of ours")
                .noneMatch(line -> line.contains("| ERROR |") && line.contains("dgraph"));

        commandLine.destroy();
        assertThat(commandLine.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(rows.overlappingRuns()).as("runs of one entity at the same time").isEmpty();
        assertThat(sync.verify()).isZero();
    }
}
