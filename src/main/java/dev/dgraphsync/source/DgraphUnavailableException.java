package dev.dgraphsync.source;

/**
 * Dgraph (or a proxy in front of it) could not answer now: HTTP 5xx or 429, an answer that is not JSON (an HTML
 * error page, a body cut off mid-way), or no answer at all (a connection refused or reset, a timeout). Transient: the
 * request is retried with backoff. The route's error handling matches this type exactly, so a failure elsewhere that
 * merely has an I/O error among its causes (a warehouse's lost socket) is never retried as if Dgraph were down.
 */
public class DgraphUnavailableException extends RuntimeException {
    public DgraphUnavailableException(String message) {
        super(message);
    }

    public DgraphUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
