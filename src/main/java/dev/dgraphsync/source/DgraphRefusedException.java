package dev.dgraphsync.source;

/**
 * Dgraph or a proxy refused the request itself (HTTP 400, 401, 403, other 4xx), or its certificate is not trusted:
 * retrying cannot help.
 */
public class DgraphRefusedException extends RuntimeException {

    private final int status;

    public DgraphRefusedException(String message) {
        this(message, 0);
    }

    public DgraphRefusedException(String message, int status) {
        super(message);
        this.status = status;
    }

    public DgraphRefusedException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status that refused it; 0 when no answer came (a certificate that is not trusted). */
    public int status() {
        return status;
    }

    /** Refused for its credentials: HTTP 401 or 403. */
    public boolean isUnauthorized() {
        return status == 401 || status == 403;
    }
}
