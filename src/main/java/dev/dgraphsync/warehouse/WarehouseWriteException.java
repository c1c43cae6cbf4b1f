package dev.dgraphsync.warehouse;

import java.sql.BatchUpdateException;

/**
 * A batch the warehouse did not take: it refused it (a constraint, a type) or the connection was lost while writing.
 * Nothing of the batch was committed, and the checkpoint did not move.
 */
public class WarehouseWriteException extends RuntimeException {

    public WarehouseWriteException(String job, int rows, int edges, String lastUid, Throwable failure) {
        this(job, rows, edges, lastUid, failure, reason(failure));
    }

    private WarehouseWriteException(String job, int rows, int edges, String lastUid, Throwable failure,
                                    Throwable reason) {
        super(job + ": " + (Warehouse.isConnectionLost(reason) ? "the warehouse connection was lost while writing"
                : "the warehouse refused") + " a batch of " + rows + " rows and " + edges + " edges ending at uid "
                + lastUid + ": " + reason.getMessage(), reason);
        if (reason != failure) {
            addSuppressed(failure);
        }
    }

    /**
     * What the warehouse said. PostgreSQL's driver reports a connection lost in the middle of a batch as an
     * AssertionError ("should not throw") carrying the SQLException that says what happened; a refused JDBC batch
     * names the whole statement with every bound value, while the server's own reason is its next exception.
     */
    private static Throwable reason(Throwable failure) {
        Throwable said = failure;
        if (failure instanceof AssertionError && failure.getCause() != null) {
            said = failure.getCause();
        } else if (failure instanceof AssertionError && failure.getSuppressed().length > 0) {
            said = failure.getSuppressed()[0];
        }
        if (said instanceof BatchUpdateException batch && batch.getNextException() != null) {
            return batch.getNextException();
        }
        return said;
    }
}
