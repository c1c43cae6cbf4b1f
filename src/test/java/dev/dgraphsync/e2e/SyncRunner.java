package dev.dgraphsync.e2e;

import dev.dgraphsync.cli.DgraphSyncMain;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Runs the real command line in this JVM against the real Dgraph, with the shipped configuration plus a few
 * overrides (a warehouse of the test's own, short retry delays).
 */
final class SyncRunner {

    final Path dir;
    String jdbcUrl;
    private String user = "sa";
    private String password = "";
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private String routes = "file:routes/*.camel.yaml";
    /** Every once reconciles deletes, as before: the shipped schedule (hourly) would leave it out of later onces. */
    private List<String> onceOptions = List.of("--reconcile");

    SyncRunner(Path dir) {
        this.dir = dir;
        this.jdbcUrl = "jdbc:h2:file:" + dir.resolve("warehouse").toAbsolutePath() + ";NON_KEYWORDS=VALUE;WRITE_DELAY=0";
        set("dgraph.url", RealDgraph.URL);
        set("warehouse.jdbc-url", jdbcUrl);
        set("dgraph.retry.initial-delay-ms", "50");
        set("dgraph.retry.max-delay-ms", "200");
    }

    /** Syncs into this warehouse instead of the test's own H2 file. */
    SyncRunner warehouse(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        return set("warehouse.jdbc-url", jdbcUrl).set("warehouse.user", user).set("warehouse.password", password);
    }

    /** What landed in this runner's warehouse. */
    WarehouseRows rows() {
        return new WarehouseRows(jdbcUrl, user, password);
    }

    SyncRunner set(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** Its onces reconcile deletes only when the reconcile schedule says so (IncrementalSyncIT holds that rule). */
    SyncRunner reconcileOnlyWhenDue() {
        onceOptions = List.of();
        return this;
    }

    SyncRunner routes(String pattern) {
        this.routes = pattern;
        return this;
    }

    /** The config file a run uses: the shipped one, then the overrides (a later key wins in a properties file). */
    Path config() throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(Path.of("config/application.properties")));
        text.append("\n# test overrides\n");
        overrides.forEach((k, v) -> text.append(k).append(" = ").append(v.replace("\\", "\\\\")).append('\n'));
        Path file = dir.resolve("application.properties");
        Files.writeString(file, text);
        return file;
    }

    int once(String... options) throws IOException {
        List<String> args = onceArguments(10);
        args.addAll(List.of(options));
        return DgraphSyncMain.run(args.toArray(String[]::new));
    }

    /** {@code once} with this runner's settings and routes, the minutes it may take, and its once options. */
    private List<String> onceArguments(int timeoutMinutes) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("once", "--config", config().toString(), "--routes", routes,
                "--timeout-minutes", String.valueOf(timeoutMinutes)));
        args.addAll(onceOptions);
        return args;
    }

    /** A {@code once} run on another thread, for tests that act while it is under way. */
    java.util.concurrent.CompletableFuture<Integer> onceInBackground() {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return once();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Waits (with a deadline) until the entity's pass has committed a batch and is not finished. */
    void awaitPassUnderWay(String entity, java.util.concurrent.CompletableFuture<Integer> run) {
        WarehouseRows warehouse = rows();
        await("the " + entity + " pass under way (a batch committed)").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .failFast("the run ended before its " + entity + " pass was seen under way", run::isDone)
                .ignoreExceptionsInstanceOf(SQLException.class) // the run has not created its tables yet
                .until(() -> !warehouse.query("SELECT 1 FROM sync_checkpoint WHERE entity = '" + entity
                        + "' AND after_uid IS NOT NULL").isEmpty());
    }

    /** Waits (with a deadline) until this many runs of the job have ended in {@code sync_run}. */
    void awaitRunsEnded(String job, int ended) {
        WarehouseRows warehouse = rows();
        await(job + ": " + ended + " run(s) ended").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(SQLException.class) // the tables are made as Camel starts
                .until(() -> warehouse.count("SELECT COUNT(*) FROM sync_run WHERE entity = '" + job
                        + "' AND status <> 'RUNNING'") >= ended);
    }

    /** What a run of the real command in a process of its own did: its exit status and everything it printed. */
    record Outcome(int exit, String output) {
        /** The command's own lines (not the log's): {@code dgraph-sync: …}. */
        List<String> commandLines() {
            return output.lines().filter(l -> l.startsWith("dgraph-sync: ")).toList();
        }
    }

    /** {@code bin/dgraph-sync once} in a process of its own, with these environment variables. */
    Outcome onceAsProcess(Map<String, String> environment) throws IOException, InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("bin/dgraph-sync"));
        args.addAll(onceArguments(5));
        ProcessBuilder command = new ProcessBuilder(args).redirectErrorStream(true);
        command.environment().putAll(environment);
        Process process = command.start();
        java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (!process.waitFor(6, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/dgraph-sync once did not end within 6 minutes");
        }
        return new Outcome(process.exitValue(), output.join());
    }

    /** {@code verify} with these arguments (entities, {@code --report FILE}, {@code --repair}). */
    int verify(String... args) throws IOException {
        List<String> all = new java.util.ArrayList<>(List.of("verify", "--config", config().toString(), "--routes", routes));
        all.addAll(List.of(args));
        return DgraphSyncMain.run(all.toArray(String[]::new));
    }

    /**
     * The real command's Camel Main with this runner's settings and routes, started as {@code run} starts it; its runs
     * wait for a test to trigger them ({@link #quartz}) when the settings put their schedules out of reach.
     */
    org.apache.camel.main.Main start() throws Exception {
        org.apache.camel.main.Main main = DgraphSyncMain.camel(config().toString(), routes, false, true);
        main.start();
        return main;
    }

    /** The Quartz scheduler of a started Main, whose jobs a test triggers. */
    static org.quartz.Scheduler quartz(org.apache.camel.main.Main main) {
        return main.getCamelContext().getComponent("quartz", org.apache.camel.component.quartz.QuartzComponent.class)
                .getScheduler();
    }

    /**
     * Stops a Camel Main whose Quartz jobs a test triggered, once they have ended (with a deadline): a job thread still
     * finishing as the next Main of the JVM starts shares Quartz's scheduler with it (the same context name).
     */
    static void stopWhenJobsEnded(org.apache.camel.main.Main main) {
        org.quartz.Scheduler quartz = quartz(main);
        try {
            await("the triggered Quartz jobs ended").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> quartz.getCurrentlyExecutingJobs().isEmpty());
        } catch (ConditionTimeoutException stillRunning) {
            // Stopped all the same: this runs in the tests' finally blocks, where a failure of its own would take the
            // place of the test's.
        }
        main.stop();
    }

    int reset(String entity) throws IOException {
        return DgraphSyncMain.run("reset", entity, "--config", config().toString(), "--routes", routes);
    }
}
