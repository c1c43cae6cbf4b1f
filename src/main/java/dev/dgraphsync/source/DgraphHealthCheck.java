package dev.dgraphsync.source;

import dev.dgraphsync.config.Secrets;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.io.IOException;
import java.util.Map;

/**
 * Camel health check {@code dgraph-sync/dgraph}: UP when Dgraph answers a one-uid DQL query (sent as the routes send
 * theirs, credentials included), DOWN when it cannot be reached or refuses. A readiness check: a connector whose
 * source is away waits for it, it is not dead.
 */
public class DgraphHealthCheck extends AbstractHealthCheck {

    private DgraphHttpClient client;
    private Secrets secrets = new Secrets();

    public DgraphHealthCheck() {
        super("dgraph-sync", "dgraph");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            DgraphHttpClient.Answer answer = client.post("/query", "application/dql", DgraphCredentialCheck.KEY_PROBE,
                    false);
            builder.detail("http.status", answer.status());
            if (answer.status() == 200) {
                builder.up();
            } else {
                builder.message("Dgraph answered HTTP " + answer.status()).down();
            }
        } catch (IOException | RuntimeException e) {
            builder.message("Dgraph cannot be reached: " + secrets.redact(String.valueOf(e.getMessage()))).down();
        }
    }

    public void setClient(DgraphHttpClient client) { this.client = client; }
    public void setSecrets(Secrets secrets) { this.secrets = secrets; }
}
