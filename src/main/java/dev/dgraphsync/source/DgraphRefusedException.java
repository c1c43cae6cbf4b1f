package dev.dgraphsync.source;

/** Dgraph or a proxy refused the request itself (HTTP 400, 401, 403, other 4xx): retrying cannot help. */
public class DgraphRefusedException extends RuntimeException {
    public DgraphRefusedException(String message) {
        super(message);
    }
}
