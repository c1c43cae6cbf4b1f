package dev.dgraphsync.source;

/**
 * Dgraph or a proxy refused the request itself (HTTP 400, 401, 403, other 4xx), or its certificate is not trusted:
 * retrying cannot help.
 */
public class DgraphRefusedException extends RuntimeException {
    public DgraphRefusedException(String message) {
        super(message);
    }

    public DgraphRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
