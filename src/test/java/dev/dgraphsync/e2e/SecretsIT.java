package dev.dgraphsync.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every failure path, run as the real command with a recognisable value in every secret setting: neither the output
 * (logs, errors, the command's own messages) nor {@code sync_run} ever shows one. Where an answer could carry a
 * credential back (a proxy's error page echoing the request's headers), WireMock in front of the real Dgraph echoes
 * them.
 */
@ExtendWith(RealDgraph.class)
class SecretsIT {

    private static final String ECHO = "echo: {{request.headers.X-Auth-Token}} {{request.headers.X-Dgraph-AuthToken}}";

    private static WireMockServer proxy;
    private static WireMockServer untrustedTls;

    @TempDir
    Path dir;

    @BeforeAll
    static void proxiesInFrontOfDgraph() throws Exception {
        RealDgraph.freshSample(40);
        proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        proxy.start();
        // WireMock's own self-signed certificate: trusted by nobody.
        untrustedTls = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort());
        untrustedTls.start();
        untrustedTls.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(RealDgraph.URL)));
    }

    @AfterAll
    static void stopProxies() {
        proxy.stop();
        untrustedTls.stop();
    }

    @BeforeEach
    void passThrough() {
        proxy.resetAll();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(RealDgraph.URL)));
    }

    /** A failure path: how to bring it about, the exit status and a text the output must show. */
    interface FailurePath {
        void arrange(SyncRunner sync) throws Exception;
    }

    static Stream<Arguments> failurePaths() {
        return Stream.of(
                Arguments.of("a sync that succeeds", 0, "run succeeded", (FailurePath) sync -> { }),
                Arguments.of("Dgraph unreachable, retries run out", 1, "Connection refused",
                        (FailurePath) sync -> sync.set("dgraph.url", "http://127.0.0.1:9")),
                Arguments.of("5xx echoing the credentials, retries run out", 1, "HTTP 503",
                        (FailurePath) sync -> answerEveryRequest(aResponse().withStatus(503).withBody(ECHO))),
                Arguments.of("the API key refused at start, echoed", 2, "dgraph.api-key: Dgraph refused",
                        (FailurePath) sync -> answerEveryRequest(aResponse().withStatus(401).withBody(ECHO))),
                Arguments.of("the admin token refused at start, echoed", 2, "dgraph.admin-token: Dgraph refused",
                        (FailurePath) sync -> proxy.stubFor(post(urlEqualTo("/admin")).atPriority(1).willReturn(aResponse()
                                .withBody("{\"errors\":[{\"message\":\"Invalid X-Dgraph-AuthToken " + ECHO + "\"}]}")
                                .withTransformers("response-template")))),
                Arguments.of("401 once running, echoed", 1, "HTTP 401",
                        (FailurePath) sync -> answerRunRequests(aResponse().withStatus(401).withBody(ECHO))),
                Arguments.of("an error page with 200 echoing the credentials", 1, "is not JSON",
                        (FailurePath) sync -> answerEveryRequest(aResponse().withStatus(200).withBody("<html>" + ECHO + "</html>"))),
                Arguments.of("ErrorUnauthorized once running, echoed", 1, "ErrorUnauthorized",
                        (FailurePath) sync -> answerRunRequests(aResponse().withStatus(200).withBody(
                                "{\"errors\":[{\"message\":\"" + ECHO + "\",\"extensions\":{\"code\":\"ErrorUnauthorized\"}}]}"))),
                Arguments.of("a certificate nobody trusts", 1, "PKIX",
                        (FailurePath) sync -> sync.set("dgraph.url", "https://127.0.0.1:" + untrustedTls.httpsPort())),
                Arguments.of("a trust store that the password does not open", 2, "dgraph.trust-store-password",
                        (FailurePath) sync -> sync.set("dgraph.url", "https://127.0.0.1:" + untrustedTls.httpsPort())
                                .set("dgraph.trust-store", trustStore(sync.dir, "another-password").toString())),
                Arguments.of("a batch the warehouse refuses", 1, "Check constraint violation",
                        (FailurePath) sync -> warehouseWith(sync, RecognisableSecrets.WAREHOUSE_PASSWORD,
                                "CREATE TABLE product (product_id VARCHAR PRIMARY KEY, sku VARCHAR CHECK (sku = 'none'))")),
                Arguments.of("a wrong warehouse password", 2, "warehouse.jdbc-url",
                        (FailurePath) sync -> warehouseWith(sync, "another-password", "CREATE TABLE t (i INT)")),
                Arguments.of("a warehouse URL that is not JDBC, with the password in it", 2, "warehouse.jdbc-url",
                        (FailurePath) sync -> sync.set("warehouse.jdbc-url",
                                "postgresql://sa:" + RecognisableSecrets.WAREHOUSE_PASSWORD + "@127.0.0.1/dw")),
                Arguments.of("an unreachable warehouse, the password in its URL", 2, "warehouse.jdbc-url",
                        (FailurePath) sync -> sync.set("warehouse.jdbc-url", "jdbc:postgresql://127.0.0.1:9/dw?user=sa&password="
                                + RecognisableSecrets.WAREHOUSE_PASSWORD).set("warehouse.connect-timeout-ms", "500")),
                Arguments.of("a bad setting", 2, "dgraph.sync.page-size",
                        (FailurePath) sync -> sync.set("dgraph.sync.page-size", "0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failurePaths")
    void noSecretIsEverPrintedNorStored(String path, int exit, String shown, FailurePath failure) throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", proxy.baseUrl()).set("dgraph.retry.max-retries", "1");
        failure.arrange(sync);

        SyncRunner.Outcome outcome = sync.onceAsProcess(RecognisableSecrets.ENVIRONMENT);

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(exit);
        assertThat(outcome.output()).contains(shown);
        RecognisableSecrets.assertNoneIn("the output", outcome.output());
        RecognisableSecrets.assertNoneInRunHistory(new WarehouseRows(sync.jdbcUrl, RecognisableSecrets.WAREHOUSE_PASSWORD));
        if (proxy.getAllServeEvents().stream().anyMatch(e -> e.getResponse().getBodyAsString().contains("SECRET"))) {
            assertThat(outcome.output()).as("an echoed credential is shown masked").contains("****");
        }
    }

    private static void answerEveryRequest(ResponseDefinitionBuilder answer) {
        proxy.stubFor(post(urlEqualTo("/query")).atPriority(1).willReturn(answer.withTransformers("response-template")));
        proxy.stubFor(post(urlEqualTo("/admin")).atPriority(1).willReturn(answer.withTransformers("response-template")));
    }

    /** Every request but the credential check at start. */
    private static void answerRunRequests(ResponseDefinitionBuilder answer) {
        for (String path : List.of("/query", "/admin")) {
            proxy.stubFor(post(urlEqualTo(path)).atPriority(1).withRequestBody(notContaining("credentials_check"))
                    .willReturn(answer.withTransformers("response-template")));
        }
    }

    private static Path trustStore(Path dir, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    /** A warehouse made beforehand with this password and table. */
    private static void warehouseWith(SyncRunner sync, String password, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(sync.jdbcUrl, "sa", password)) {
            c.createStatement().execute(sql);
        }
    }
}
