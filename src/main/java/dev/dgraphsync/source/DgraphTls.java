package dev.dgraphsync.source;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * TLS for {@code https://} Dgraph endpoints: the JVM's trust store, or a trust store of the user's
 * ({@code dgraph.trust-store}, a PKCS12 or JKS file) for a cluster with a private CA. Camel's own
 * {@link SSLContextParameters}, given to the HTTP endpoint as {@code sslContextParameters}.
 */
public class DgraphTls extends SSLContextParameters {

    private String trustStore;
    private String trustStorePassword;
    private String trustStoreType = "PKCS12";

    /** Applies the trust store, if one is set; without one the JVM's default trust managers are used. */
    public void configure() {
        if (trustStore == null || trustStore.isBlank()) {
            return;
        }
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + trustStore);
        store.setPassword(trustStorePassword == null || trustStorePassword.isEmpty() ? null : trustStorePassword);
        store.setType(trustStoreType);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        setTrustManagers(trust);
    }

    public void setTrustStore(String trustStore) { this.trustStore = trustStore; }
    public void setTrustStorePassword(String trustStorePassword) { this.trustStorePassword = trustStorePassword; }
    public void setTrustStoreType(String trustStoreType) { this.trustStoreType = trustStoreType; }
}
