package dev.dgraphsync.source;

/**
 * Dgraph (or a proxy in front of it) could not answer now: HTTP 5xx or 429, or an answer that is not JSON (an HTML
 * error page, a body cut off mid-way). Transient: the request is retried with backoff.
 */
public class DgraphUnavailableException extends RuntimeException {
    public DgraphUnavailableException(String message) {
        super(message);
    }
}
