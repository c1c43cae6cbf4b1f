package dev.dgraphsync.observe;

import dev.dgraphsync.source.DgraphAnswer;
import dev.dgraphsync.source.DgraphCredentialCheck;
import dev.dgraphsync.source.DgraphRefusedException;
import dev.dgraphsync.source.DgraphUnavailableException;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.util.Map;

/**
 * Camel health check {@code dgraph-sync/dgraph}: UP when Dgraph answers a one-uid DQL query (sent as the routes send
 * theirs, credentials included, and sorted as theirs are), DOWN when it cannot be reached or refuses. A readiness
 * check: a connector whose source is away waits for it, it is not dead.
 */
public class DgraphHealthCheck extends AbstractHealthCheck {

    private DgraphAnswer dgraph;

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
            dgraph.ask("/query", DgraphCredentialCheck.PROBE);
            builder.up();
        } catch (DgraphUnavailableException e) {
            builder.message("Dgraph cannot be reached: " + e.getMessage()).down();
        } catch (DgraphRefusedException e) {
            builder.message("Dgraph refused: " + e.getMessage()).down();
        }
    }

    public void setDgraph(DgraphAnswer dgraph) { this.dgraph = dgraph; }
}
