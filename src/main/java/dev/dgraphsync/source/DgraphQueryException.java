package dev.dgraphsync.source;

/** Dgraph answered, but with errors and no data: the run fails and its checkpoint stays where it was. */
public class DgraphQueryException extends RuntimeException {
    public DgraphQueryException(String message) {
        super(message);
    }
}
