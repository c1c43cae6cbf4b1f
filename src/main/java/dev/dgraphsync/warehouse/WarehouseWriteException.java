package dev.dgraphsync.warehouse;

/** A batch the warehouse refused; nothing of it was committed, and the checkpoint did not move. */
public class WarehouseWriteException extends RuntimeException {
    public WarehouseWriteException(String job, RowBatch batch, Exception cause) {
        super(job + ": the warehouse refused a batch of " + batch.nodes().size() + " rows and " + batch.edges().size()
                + " edges ending at uid " + batch.lastUid() + ": " + cause.getMessage(), cause);
    }
}
