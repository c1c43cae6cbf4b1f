package dev.dgraphsync.source;

/** A message from {@code dgraph.cdc.endpoint} that is not an event of Dgraph's change data capture (the record is named). */
public class UnreadableCdcEventException extends RuntimeException {

    public UnreadableCdcEventException(String message) {
        super(message);
    }
}
