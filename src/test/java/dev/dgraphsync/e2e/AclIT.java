package dev.dgraphsync.e2e;

import dev.dgraphsync.config.SyncSettings;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.dgraphsync.sample.SampleCatalogLoader;
import dev.dgraphsync.source.DgraphAcl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Dgraph with ACL ({@code --acl "secret-file=…;access-ttl=2s"}), started by the project's script: a sync
 * that lasts longer than the access token completes (the token is refreshed), and a wrong password stops the
 * program with exit 2 naming the setting, before anything is written.
 */
class AclIT {

    private static final int OFFSET = RealDgraph.PORT_OFFSET + 200;
    private static final String URL = "http://127.0.0.1:" + (8080 + OFFSET);
    private static final String TTL = "2s";

    @TempDir
    static Path secrets;
    /** Slows every request a little, so that one sync surely outlives several access tokens. */
    private static WireMockServer slow;
    @TempDir
    Path dir;

    @BeforeAll
    static void aclDgraph() throws Exception {
        Files.writeString(secrets.resolve("hmac"), "0123456789abcdef0123456789abcdef");
        script("start");
        script("reset"); // its data folder outlives a test run
        DgraphAcl groot = new DgraphAcl();
        groot.setSettings(SyncSettings.of(Map.of("dgraph.url", URL, "dgraph.acl-user", "groot",
                "dgraph.acl-password", "password")));
        new SampleCatalogLoader(URL, 11).withAcl(groot).load(1200);
        slow = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1"));
        slow.start();
        slow.stubFor(any(anyUrl())
                .willReturn(aResponse().proxiedFrom(URL).withFixedDelay(40)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (slow != null) {
            slow.stop();
        }
        script("stop");
    }

    @Test
    void aSyncLongerThanTheAccessTokensLifeCompletes() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", slow.baseUrl()).set("dgraph.acl-user", "groot")
                .set("dgraph.acl-password", "password").set("dgraph.sync.page-size", "10")
                .set("dgraph.sync.checkpoint-interval", "10");
        long started = System.nanoTime();

        assertThat(sync.once()).isZero();

        double seconds = (System.nanoTime() - started) / 1e9;
        // 120 product pages at 40 ms or more each: every request after the first 2 s needed a refreshed token.
        assertThat(seconds).as("the sync outlived the %s access token", TTL).isGreaterThan(4.0);
        WarehouseRows warehouse = new WarehouseRows(sync.jdbcUrl);
        assertThat(warehouse.count("SELECT COUNT(*) FROM product")).isEqualTo(1200);
        assertThat(warehouse.count("SELECT COUNT(*) FROM review")).isEqualTo(600);
        assertThat(warehouse.count("SELECT COUNT(*) FROM sync_run WHERE status <> 'SUCCEEDED'")).isZero();
    }

    @Test
    void aWrongPasswordStopsWithExit2NamingTheSettingBeforeAnythingIsWrittenAndIsNeverShown() throws Exception {
        // The wrong password comes from the environment, as RecognisableSecrets.ACL_PASSWORD.
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", URL).set("dgraph.acl-user", "groot");

        SyncRunner.Outcome outcome = sync.onceAsProcess(RecognisableSecrets.ENVIRONMENT);

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.output()).contains("dgraph-sync: dgraph.acl-password: Dgraph refused the login of user 'groot'");
        RecognisableSecrets.assertNoneIn("the output", outcome.output());
        assertThat(dir.resolve("warehouse.mv.db")).doesNotExist();
    }

    @Test
    void anAccessTokenEchoedBackByAProxyIsNeverShown() throws Exception {
        WireMockServer echo = new WireMockServer(
                options().dynamicPort().bindAddress("127.0.0.1"));
        echo.start();
        try {
            // The login goes through to Dgraph; every query is answered 503 with the access token it carried.
            echo.stubFor(any(anyUrl())
                    .atPriority(10).willReturn(aResponse().proxiedFrom(URL)));
            echo.stubFor(post("/query").atPriority(1)
                    .willReturn(aResponse().withStatus(503)
                            .withBody("upstream refused token {{request.headers.X-Dgraph-AccessToken}}")
                            .withTransformers("response-template")));
            SyncRunner sync = new SyncRunner(dir).set("dgraph.url", echo.baseUrl()).set("dgraph.acl-user", "groot")
                    .set("dgraph.acl-password", "password").set("dgraph.retry.max-retries", "1");

            SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

            assertThat(outcome.exit()).as(outcome.output()).isEqualTo(1);
            assertThat(echo.getAllServeEvents()).as("the proxy did echo real tokens")
                    .anySatisfy(e -> assertThat(e.getResponse().getBodyAsString()).contains("refused token eyJ"));
            // Every JWT starts with eyJ (base64 of '{"'): none may be printed or stored, masked ones are.
            assertThat(outcome.output()).contains("upstream refused token ****").doesNotContain("eyJ");
            assertThat(sync.rows().query("SELECT error_message FROM sync_run").toString())
                    .contains("refused token ****").doesNotContain("eyJ");
        } finally {
            echo.stop();
        }
    }

    @Test
    void aLoginAnsweredWith503IsADgraphNotReadyNotAWrongPassword() throws Exception {
        WireMockServer down = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        down.start();
        try {
            down.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("{\"errors\":[]}")));
            SyncRunner sync = new SyncRunner(dir).set("dgraph.url", down.baseUrl()).set("dgraph.acl-user", "groot")
                    .set("dgraph.acl-password", "password").set("dgraph.retry.max-retries", "1");

            SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

            assertThat(outcome.exit()).as("the runs failed, the settings did not").as(outcome.output()).isEqualTo(1);
            assertThat(outcome.output()).doesNotContain("dgraph.acl-password")
                    .contains("Dgraph's login: HTTP 503 from Dgraph (/admin)");
        } finally {
            down.stop();
        }
    }

    private static void script(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/dgraph-local", command).inheritIO();
        pb.environment().putAll(Map.of("DGRAPH_HOME", Path.of("target/dgraph-acl").toAbsolutePath().toString(),
                "DGRAPH_PORT_OFFSET", String.valueOf(OFFSET), "DGRAPH_ACL_SECRET_FILE", secrets.resolve("hmac").toString(),
                "DGRAPH_ACL_TTL", TTL));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("bin/dgraph-local " + command + " (ACL) failed");
        }
    }
}
