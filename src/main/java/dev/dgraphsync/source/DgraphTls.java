package dev.dgraphsync.source;

import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * TLS for {@code https://} Dgraph endpoints: the JVM's trust store, or a trust store of the user's
 * ({@code dgraph.trust-store}, a PKCS12 or JKS file) for a cluster with a private CA. Camel's own
 * {@link SSLContextParameters}, from which {@link DgraphHttpClient} makes its TLS context.
 */
public class DgraphTls extends SSLContextParameters {

    private SyncSettings settings = SyncSettings.defaults();
    private String trustStore;
    private String trustStorePassword;
    private String trustStoreType;

    /**
     * Applies the trust store, if one is set; without one the JVM's default trust managers are used. A trust store
     * that cannot be opened is a bad setting, found here (a start-up check) rather than at the first request.
     */
    public void configure() {
        trustStore = settings.text(Setting.TRUST_STORE);
        trustStorePassword = settings.text(Setting.TRUST_STORE_PASSWORD);
        trustStoreType = settings.text(Setting.TRUST_STORE_TYPE);
        if (trustStore.isBlank()) {
            return;
        }
        open();
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + trustStore);
        store.setPassword(trustStorePassword == null || trustStorePassword.isEmpty() ? null : trustStorePassword);
        store.setType(trustStoreType);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        setTrustManagers(trust);
    }

    private void open() {
        Path file = Path.of(trustStore);
        if (!Files.isReadable(file)) {
            throw new InvalidSettingException("dgraph.trust-store", "cannot read the file " + file.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore.getInstance(trustStoreType).load(in, trustStorePassword == null || trustStorePassword.isEmpty()
                    ? null : trustStorePassword.toCharArray());
        } catch (IOException e) {
            throw new InvalidSettingException("dgraph.trust-store-password", "does not open the "
                    + trustStoreType + " trust store " + file + " (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException("dgraph.trust-store-type", "cannot read " + file + " as "
                    + trustStoreType + " (" + e.getMessage() + ")");
        }
    }

    /** {@code dgraph.trust-store}, {@code dgraph.trust-store-password}, {@code dgraph.trust-store-type}. */
    public void setSettings(SyncSettings settings) { this.settings = settings; }
}
