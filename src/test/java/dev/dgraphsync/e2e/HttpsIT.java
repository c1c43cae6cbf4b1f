package dev.dgraphsync.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@code https://} Dgraph endpoint whose certificate comes from a private CA (WireMock terminating TLS in front
 * of the real Dgraph, with a certificate made here by keytool): trusted through {@code dgraph.trust-store}, or
 * through the JVM's own trust store when that one holds it, and refused (without retry) when neither does.
 */
@ExtendWith(RealDgraph.class)
class HttpsIT {

    @TempDir
    static Path keys;
    private static WireMockServer tls;

    @TempDir
    Path dir;

    @BeforeAll
    static void tlsInFrontOfDgraph() throws Exception {
        RealDgraph.freshSample(50);
        keytool("-genkeypair", "-alias", "dgraph", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keys.resolve("server.p12").toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", "dgraph", "-keystore", keys.resolve("server.p12").toString(),
                "-storepass", "changeit", "-file", keys.resolve("server.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "dgraph", "-file", keys.resolve("server.cer").toString(),
                "-keystore", keys.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", "trust-pw");
        tls = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keys.resolve("server.p12").toString()).keystorePassword("changeit")
                .keyManagerPassword("changeit").keystoreType("PKCS12"));
        tls.start();
        tls.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(RealDgraph.URL)));
    }

    @AfterAll
    static void stop() {
        tls.stop();
    }

    @Test
    void anHttpsEndpointWithAPrivateCaSyncsThroughTheConfiguredTrustStore() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", "https://127.0.0.1:" + tls.httpsPort())
                .set("dgraph.trust-store", keys.resolve("trust.p12").toString()).set("dgraph.trust-store-password", "trust-pw");

        assertThat(sync.once()).isZero();

        CatalogAssert.warehouseMatchesSource(new WarehouseRows(sync.jdbcUrl));
    }

    @Test
    void withoutATrustStoreSettingTheJvmsOwnTrustStoreDecides() throws Exception {
        // The JVM trusts the certificate (as it trusts a public CA): nothing in the settings names a trust store.
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", "https://127.0.0.1:" + tls.httpsPort());

        SyncRunner.Outcome outcome = sync.onceAsProcess(java.util.Map.of("JAVA_OPTS",
                "-Djavax.net.ssl.trustStore=" + keys.resolve("trust.p12") + " -Djavax.net.ssl.trustStorePassword=trust-pw"
                        + " -Djavax.net.ssl.trustStoreType=PKCS12"));

        assertThat(outcome.exit()).as(outcome.output()).isZero();
        CatalogAssert.warehouseMatchesSource(sync.rows());
    }

    @Test
    void anUntrustedCertificateFailsAtOnceSayingSo() throws Exception {
        SyncRunner sync = new SyncRunner(dir).set("dgraph.url", "https://127.0.0.1:" + tls.httpsPort());
        int before = tls.getAllServeEvents().size();

        assertThat(sync.once()).isEqualTo(1);

        assertThat(tls.getAllServeEvents()).hasSize(before); // the handshake failed: no request was served
        assertThat((String) new WarehouseRows(sync.jdbcUrl).query(
                "SELECT error_message FROM sync_run WHERE entity = 'product'").get(0).get("error_message"))
                .containsAnyOf("PKIX", "certification path", "unable to find valid certification path");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0).as(out).isTrue();
        assertThat(Files.exists(keys)).isTrue();
    }
}
