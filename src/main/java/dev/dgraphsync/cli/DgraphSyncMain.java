package dev.dgraphsync.cli;

import dev.dgraphsync.run.CheckpointStore;
import dev.dgraphsync.run.RunFailure;
import dev.dgraphsync.run.RunLedger;
import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Secrets;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpecException;
import dev.dgraphsync.sample.SampleCatalogLoader;
import dev.dgraphsync.source.DgraphRefusedException;
import dev.dgraphsync.source.DgraphUnavailableException;
import dev.dgraphsync.verify.Verifier;
import dev.dgraphsync.verify.VerifyReport;
import dev.dgraphsync.warehouse.RunTable;
import dev.dgraphsync.warehouse.UnstampedTable;
import dev.dgraphsync.warehouse.WarehouseUnavailableException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.main.Main;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The command line: {@code once} (every job one time, then exit; the deletes reconciliation when due or with
 * {@code --reconcile}), {@code run} (on the schedules until stopped),
 * {@code reset ENTITY} (forget an entity's checkpoint: its next run re-reads it all), {@code discover [TYPE...]
 * [--write]} (draft entity YAML from Dgraph's live schema, see {@link Discover}), {@code verify [ENTITY...]
 * [--report FILE] [--repair]} (hold the warehouse against Dgraph: exit 0 equal, 1 differs), {@code load-sample N}.
 * Exit status: 0 success, 1 a run failed, 2 bad settings or a warehouse that cannot be reached, 3 (once) an entity
 * was left to the instance of the cluster that runs it now.
 *
 * <p>Options: {@code --config FILE} (default config/application.properties), {@code --routes PATTERN}
 * (default file:routes/*.camel.yaml), {@code --timeout-minutes M} (once: how long to wait, default 360),
 * {@code --http-port PORT} (run, once: health and metrics over HTTP; or DGRAPH_SYNC_HTTP_PORT).
 */
public final class DgraphSyncMain {

    static final String JOB_GROUP = "dgraph-sync";
    static final String ROUTES = "file:routes/*.camel.yaml";
    /** The Quartz job of routes/reconcile-deletes.camel.yaml, and its runs' name in sync_run. */
    static final String RECONCILIATION = "reconcile-deletes";
    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");

    private DgraphSyncMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Main main = null;
        try {
            String config = option(rest, "--config", "config/application.properties");
            String routes = option(rest, "--routes", null);
            long timeoutMinutes = minutes(option(rest, "--timeout-minutes", "360"));
            String httpPort = option(rest, "--http-port", System.getenv("DGRAPH_SYNC_HTTP_PORT"));
            if (!Files.isRegularFile(Path.of(config))) {
                throw new InvalidSettingException("--config", "no file '" + config + "'");
            }
            String command = rest.isEmpty() ? "" : rest.remove(0);
            switch (command) {
                case "once" -> {
                    boolean reconcile = rest.remove("--reconcile");
                    main = camel(config, routes, true, true);
                    serveHttp(main, httpPort);
                    return once(main, Duration.ofMinutes(timeoutMinutes), reconcile);
                }
                case "run" -> {
                    main = camel(config, routes, false, true);
                    serveHttp(main, httpPort);
                    main.run();
                    return 0;
                }
                case "reset" -> {
                    main = camel(config, routes, false, false);
                    return reset(main, rest);
                }
                case "verify" -> {
                    boolean repair = rest.remove("--repair");
                    String report = option(rest, "--report", null);
                    main = camel(config, routes, false, false);
                    main.start();
                    try {
                        return verify(main, rest, repair, report);
                    } finally {
                        main.stop();
                    }
                }
                case "discover" -> {
                    main = camel(config, routes, false, false);
                    // The entities there now are not judged: discover is how a misfit gets mended.
                    main.addOverrideProperty("dgraph.sync.schema-check", "warn");
                    main.start();
                    try {
                        return new Discover(main.getCamelContext().getRegistry(), routes == null ? ROUTES : routes,
                                System.out).run(rest);
                    } finally {
                        main.stop();
                    }
                }
                case "load-sample" -> {
                    return SampleCatalogLoader.run(rest);
                }
                default -> {
                    return usage();
                }
            }
        } catch (Exception e) {
            // The settings are read by now (or were never read): mask their secrets in whatever is printed.
            Secrets secrets = main == null || main.getCamelContext() == null ? new Secrets()
                    : Secrets.of(main.getCamelContext());
            String setting = settingProblem(e);
            if (setting != null) {
                System.err.println("dgraph-sync: " + secrets.redact(setting).replace("\n", "\ndgraph-sync: "));
                return 2;
            }
            StringBuilder why = new StringBuilder(describe(e));
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                why.append("\n  caused by: ").append(describe(c));
            }
            System.err.println("dgraph-sync: could not start: " + secrets.redact(why.toString()));
            return 2;
        }
    }

    /**
     * With a port, Camel's management server answers on it: {@code /observe/health} and {@code /observe/metrics}
     * (host {@code camel.management.host}, loopback by default).
     */
    static void serveHttp(Main main, String port) {
        if (port == null || port.isBlank()) {
            return;
        }
        int number;
        try {
            number = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number > 65535) {
            throw new InvalidSettingException("--http-port", "must be a port number (1-65535), not '" + port + "'");
        }
        main.addOverrideProperty("camel.management.enabled", "true");
        main.addOverrideProperty("camel.management.port", String.valueOf(number));
    }

    /**
     * Every entity and the schema metadata one time; the deletes reconciliation, a scan of every id, only when its own
     * schedule ({@code dgraph.sync.reconcile-schedule}) has come round since it last succeeded, when it never has, or
     * when asked ({@code --reconcile}). A {@code once} every few minutes would otherwise read every id every time.
     */
    private static int once(Main main, Duration timeout, boolean reconcile) throws Exception {
        main.start();
        try {
            CamelContext camel = main.getCamelContext();
            Scheduler scheduler = camel.getComponent("quartz", QuartzComponent.class).getScheduler();
            Set<JobKey> jobs = scheduler.getJobKeys(GroupMatcher.jobGroupEquals(JOB_GROUP));
            RunLedger ledger = camel.getRegistry().lookupByNameAndType("runLedger", RunLedger.class);
            RunFailure failRun = camel.getRegistry().lookupByNameAndType("runFailure", RunFailure.class);
            scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
                @Override
                public String getName() {
                    return "dgraph-sync-once";
                }

                @Override
                public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
                    String job = context.getJobDetail().getKey().getName();
                    if (ledger.openRun(job) != null && failure != null) {
                        // An Error (the heap running out) ended the job's thread: no route saw it.
                        failRun.unhandled(job, rootError(failure));
                    }
                    if (ledger.executed(job)) {
                        System.err.println("dgraph-sync: " + job + " ended without finishing its run (see the log)");
                    }
                }
            }, GroupMatcher.jobGroupEquals(JOB_GROUP));
            RunTable runs = camel.getRegistry().lookupByNameAndType("runTable", RunTable.class);
            List<String> triggered = new ArrayList<>();
            for (JobKey job : jobs) {
                Date notDue = reconcile || !job.getName().equals(RECONCILIATION) ? null
                        : notDueUntil(scheduler, job, runs.lastSucceeded().get(RECONCILIATION));
                if (notDue != null) {
                    // Not admitted either: its schedule coming round while this once runs does not start it.
                    ledger.hold(job.getName());
                    LOG.info("{}: not due until {} (its schedule, since it last succeeded); once --reconcile runs it"
                            + " now", RECONCILIATION, notDue.toInstant());
                    continue;
                }
                triggered.add(job.getName());
                scheduler.triggerJob(job);
            }
            boolean ok = ledger.awaitAll(triggered, timeout);
            if (!ok) {
                // Every run has ended, or time ran out: what is still in flight (a job whose thread an Error ended
                // never completes its exchange) is not waited for.
                camel.getShutdownStrategy().setTimeout(1);
                return 1;
            }
            if (!ledger.leftToOthers().isEmpty()) {
                System.err.println("dgraph-sync: left to other instances (running them as this once began, or claiming them while it ran): "
                        + String.join(", ", new java.util.TreeSet<>(ledger.leftToOthers())) + " (exit 3)");
                return 3;
            }
            return 0;
        } finally {
            main.stop();
        }
    }

    /**
     * When the job's schedule next comes round after {@code since}, if that is still to come; null when it is due now:
     * it came round already, the job never ran ({@code since} null), or it has no schedule.
     */
    private static Date notDueUntil(Scheduler scheduler, JobKey job, OffsetDateTime since) throws SchedulerException {
        if (since == null) {
            return null;
        }
        return scheduler.getTriggersOfJob(job).stream().map(t -> t.getFireTimeAfter(Date.from(since.toInstant())))
                .filter(java.util.Objects::nonNull).min(Date::compareTo).filter(next -> next.after(new Date()))
                .orElse(null);
    }

    /** Exit 0 when the warehouse equals Dgraph, 1 when anything differs; the report file as JSON, or Markdown (.md). */
    private static int verify(Main main, List<String> entities, boolean repair, String reportFile) throws Exception {
        Verifier verifier = main.getCamelContext().getRegistry().lookupByNameAndType("verifier", Verifier.class);
        // Dgraph is read through the sync's own request routes (and their retries); the timers stay stopped.
        for (String route : List.of("dgraph-request", "dgraph-request-retried")) {
            main.getCamelContext().getRouteController().startRoute(route);
        }
        VerifyReport report;
        try {
            report = verifier.verify(entities, repair);
        } catch (DgraphUnavailableException | DgraphRefusedException unreadable) {
            throw new InvalidSettingException("dgraph.url", "Dgraph could not be read (" + unreadable.getMessage() + ")");
        }
        System.out.print(report.table());
        if (reportFile != null) {
            Files.writeString(Path.of(reportFile), reportFile.endsWith(".md") ? report.markdown() : report.json());
        }
        if (repair && !report.equal()) {
            System.out.println("dgraph-sync: the next run of each entity reads its differing nodes again, and flags"
                    + " deleted the rows whose node is gone");
        }
        return report.equal() ? 0 : 1;
    }

    /** Its message, or its kind and where it was thrown when it has none. */
    private static String describe(Throwable e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        StackTraceElement[] at = e.getStackTrace();
        return e.getClass().getName() + (at.length == 0 ? "" : " at " + at[0]);
    }

    /** The Error (OutOfMemoryError…) Quartz wrapped, or what it said when there is none. */
    static Throwable rootError(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof Error) {
                return t;
            }
        }
        return failure;
    }

    private static int reset(Main main, List<String> entities) throws Exception {
        if (entities.isEmpty()) {
            System.err.println("dgraph-sync: reset needs the entity to re-read, like: reset product");
            return 2;
        }
        main.start();
        try {
            EntityCatalog catalog = main.getCamelContext().getRegistry()
                    .lookupByNameAndType("entityCatalog", EntityCatalog.class);
            CheckpointStore checkpoints = main.getCamelContext().getRegistry()
                    .lookupByNameAndType("checkpointStore", CheckpointStore.class);
            UnstampedTable unstamped = main.getCamelContext().getRegistry()
                    .lookupByNameAndType("unstampedTable", UnstampedTable.class);
            for (String entity : entities) {
                catalog.get(entity);
                checkpoints.reset(entity);
                unstamped.forget(entity);
                System.out.println("dgraph-sync: " + entity + " will be read again from the beginning on its next run");
            }
            return 0;
        } finally {
            main.stop();
        }
    }

    /** A Camel Main with this project's routes and settings (routes stay stopped for reset and discover); not started. */
    public static Main camel(String config, String routes, boolean once, boolean startRoutes) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + config);
        // Micrometer through Camel (a Prometheus registry) and Camel's health checks; the config file may turn them
        // off. (Not in the file itself: under camel run, Camel JBang sets these up its own way.)
        main.addInitialProperty("camel.metrics.enabled", "true");
        // Camel's per-endpoint timers cost a meter lookup for every row message sent (a fifth of the reading
        // threads' CPU); our per-entity meters and Camel's route metrics do not need them.
        main.addInitialProperty("camel.metrics.enableExchangeEventNotifier", "false");
        // Nor Camel's per-route timers: every row message enters the warehouse-batch route, and each entry formats a
        // property name and starts a timer (a full once at 100,000 products: 31-34 CPU-s of ours without them, 39
        // with them, side by side). Our per-entity run timer measures what a run takes.
        main.addInitialProperty("camel.metrics.enableRoutePolicy", "false");
        main.addInitialProperty("camel.health.enabled", "true");
        main.addOverrideProperty("camel.main.routes-include-pattern", routes == null ? ROUTES : routes);
        main.addOverrideProperty("dgraph.sync.once", String.valueOf(once));
        if (once) {
            // once stops Camel when every job has ended (or its time ran out): Quartz need not wait for its idle
            // threads to notice the shutdown, 0.4 s of every once (a job still under way is told to stop).
            main.addOverrideProperty("camel.component.quartz.interrupt-jobs-on-shutdown", "true");
        }
        main.addOverrideProperty("camel.main.auto-startup", String.valueOf(startRoutes));
        return main;
    }

    /** The message of a bad setting anywhere in the cause chain of a startup failure, or null. */
    static String settingProblem(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InvalidSettingException || c instanceof EntitySpecException
                    || c instanceof WarehouseUnavailableException) {
                return c.getMessage();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** The value given after an option (and both taken out of the arguments), or the fallback when it is absent. */
    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new InvalidSettingException(name, "needs a value");
        }
        String value = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return value;
    }

    private static long minutes(String value) {
        try {
            long minutes = Long.parseLong(value.trim());
            if (minutes > 0) {
                return minutes;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new InvalidSettingException("--timeout-minutes", "'" + value + "' is not a whole number of minutes above 0");
    }

    private static int usage() {
        System.err.println("usage: dgraph-sync once [--reconcile]|run|reset ENTITY...|verify [ENTITY...] [--report FILE] [--repair]"
                + "|discover [TYPE...] [--write]|load-sample N [--dgraph-url URL]"
                + " [--config FILE] [--routes PATTERN] [--timeout-minutes M] [--http-port PORT]");
        return 2;
    }
}
