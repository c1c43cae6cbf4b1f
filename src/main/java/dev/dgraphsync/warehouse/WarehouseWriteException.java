package dev.dgraphsync.warehouse;

/**
 * A batch the warehouse did not take: it refused it (a constraint, a type) or the connection was lost while writing.
 * Nothing of the batch was committed, and the checkpoint did not move.
 */
public class WarehouseWriteException extends WarehouseException {

    WarehouseWriteException(String job, int rows, int edges, String lastUid, WarehouseException failure) {
        super(job + ": " + (failure instanceof WarehouseUnavailableException
                ? "the warehouse connection was lost while writing" : "the warehouse refused") + " a batch of " + rows
                + " rows and " + edges + " edges ending at uid " + lastUid + ": " + failure.getCause().getMessage(),
                failure.getCause());
        for (Throwable suppressed : failure.getSuppressed()) {
            addSuppressed(suppressed);
        }
    }
}
