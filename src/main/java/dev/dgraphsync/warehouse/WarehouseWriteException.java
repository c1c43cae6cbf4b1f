package dev.dgraphsync.warehouse;

/** A batch the warehouse refused; nothing of it was committed, and the checkpoint did not move. */
public class WarehouseWriteException extends RuntimeException {
    public WarehouseWriteException(String job, RowBatch batch, Throwable cause) {
        super(job + ": the warehouse refused a batch of " + batch.nodes().size() + " rows and " + batch.edges().size()
                + " edges ending at uid " + batch.lastUid() + ": " + reason(cause), cause);
    }

    /**
     * PostgreSQL's driver reports a connection lost in the middle of a batch as an AssertionError ("should not
     * throw"), carrying the SQLException that says what happened.
     */
    private static String reason(Throwable cause) {
        if (cause instanceof AssertionError) {
            Throwable real = cause.getCause() != null ? cause.getCause()
                    : cause.getSuppressed().length > 0 ? cause.getSuppressed()[0] : null;
            if (real != null) {
                return real.getMessage();
            }
        }
        return cause.getMessage();
    }
}
