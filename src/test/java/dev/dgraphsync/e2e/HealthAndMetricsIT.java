package dev.dgraphsync.e2e;

import dev.dgraphsync.cli.DgraphSyncMain;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobKey;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a dashboard and an orchestrator see of a running sync: the Prometheus scrape and JMX carry the numbers of the
 * run that {@code sync_run} records, and the health turns DOWN, naming Dgraph, while Dgraph is stopped.
 */
@ExtendWith(RealDgraph.class)
class HealthAndMetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aScrapeShowsTheRunsNumbersAndHealthTurnsDownWithDgraphStopped() throws Exception {
        RealDgraph.freshSample(60);
        int port = freePort();
        SyncRunner sync = new SyncRunner(dir).set("dgraph.sync.schedule", "0 0 0 1 1 ? 2099")
                .set("camel.management.enabled", "true").set("camel.management.port", String.valueOf(port));
        Main main = sync.start();
        try {
            String base = "http://127.0.0.1:" + port + "/observe/";
            assertThat(get(base + "health").statusCode()).isEqualTo(200);
            // Every job is counted from the start, before its first run: a first failure is an increase.
            String atStart = get(base + "metrics").body();
            assertThat(sample(atStart, "dgraph_sync_run_failures_total", "product")).isZero();
            assertThat(sample(atStart, "dgraph_sync_rows_written_total", "reconcile-deletes")).isZero();
            assertThat(sample(atStart, "dgraph_sync_rows_written_total", "schema_metadata")).isZero();

            org.quartz.Scheduler quartz = SyncRunner.quartz(main);
            quartz.triggerJob(JobKey.jobKey("product", "dgraph-sync"));
            sync.awaitRunsEnded("product", 1);
            Map<String, Object> run = sync.rows().query("SELECT status, rows_written, edges_written FROM sync_run"
                    + " WHERE entity = 'product'").get(0);
            assertThat(run).containsEntry("status", "SUCCEEDED").containsEntry("rows_written", 60L);

            String scrape = get(base + "metrics").body();
            assertThat(sample(scrape, "dgraph_sync_rows_written_total", "product")).isEqualTo(60.0);
            assertThat(sample(scrape, "dgraph_sync_edges_written_total", "product"))
                    .isEqualTo(((Number) run.get("edges_written")).doubleValue()).isPositive();
            assertThat(sample(scrape, "dgraph_sync_pages_read_total", "product")).isPositive();
            assertThat(sample(scrape, "dgraph_sync_run_failures_total", "product")).isZero();
            assertThat(sample(scrape, "dgraph_sync_freshness_lag_seconds", "product")).isBetween(0.0, 120.0);
            assertThat(sample(scrape, "dgraph_sync_checkpoint_from_seconds", "product")).isPositive();

            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            java.util.Set<ObjectName> ours = jmx.queryNames(new ObjectName("dgraph-sync:*"), null);
            ObjectName rows = ours.stream()
                    .filter(n -> n.toString().contains("RowsWritten") && n.toString().contains("product"))
                    .findFirst().orElseThrow(() -> new AssertionError("no rows-written MBean for product in " + ours));
            assertThat(((Number) jmx.getAttribute(rows, "Count")).doubleValue()).isEqualTo(60.0);

            RealDgraph.stop();
            try {
                HttpResponse<String> down = awaitHealth(base + "health?data=true", 503);
                assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"name\":\"dgraph\"")
                        .contains("Dgraph cannot be reached");
            } finally {
                RealDgraph.start();
            }
            assertThat(awaitHealth(base + "health", 200).body()).contains("\"status\":\"UP\"");
        } finally {
            SyncRunner.stopWhenJobsEnded(main);
        }
    }

    @Test
    void aBadHttpPortIsABadSettingNamingIt() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(DgraphSyncMain.run("run", "--http-port", "eighty")).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("--http-port").contains("must be a port number (1-65535), not 'eighty'");
    }

    /** The value of the sample {@code name{entity="..."}} in a Prometheus scrape. */
    private static double sample(String scrape, String name, String entity) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*entity=\"" + entity + "\"[^}]*} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(name + " for " + entity + " in the scrape:\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static HttpResponse<String> awaitHealth(String url, int status) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await("HTTP " + status + " from " + url).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .pollDelay(Duration.ZERO)
                .untilAsserted(() -> {
                    last.set(get(url));
                    assertThat(last.get().statusCode()).as(last.get().body()).isEqualTo(status);
                });
        return last.get();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
