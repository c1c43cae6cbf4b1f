package dev.dgraphsync.warehouse;

import dev.dgraphsync.config.Secrets;

import java.sql.BatchUpdateException;

/**
 * The warehouse did not do what was asked: it refused a statement (a constraint, a type), or the connection was lost
 * while it worked ({@link WarehouseUnavailableException}). What the transaction did is rolled back. The message says
 * what was asked and what the database said (URL credentials masked).
 */
public class WarehouseException extends RuntimeException {

    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure of {@code what} ("writing sync_run", …), as the right kind. */
    static WarehouseException of(String what, Throwable failure) {
        Throwable reason = reason(failure);
        String said = Secrets.maskUrlCredentials(String.valueOf(reason.getMessage()));
        WarehouseException e = Warehouse.isConnectionLost(reason)
                ? new WarehouseUnavailableException("the warehouse connection was lost while " + what + ": " + said, reason)
                : new WarehouseException("the warehouse refused " + what + ": " + said, reason);
        if (reason != failure) {
            e.addSuppressed(failure);
        }
        return e;
    }

    /**
     * What the warehouse said. PostgreSQL's driver reports a connection lost in the middle of a batch as an
     * AssertionError ("should not throw") carrying the SQLException that says what happened; a refused JDBC batch
     * names the whole statement with every bound value, while the server's own reason is its next exception.
     */
    static Throwable reason(Throwable failure) {
        Throwable said = failure;
        if (said instanceof WarehouseException w && w.getCause() != null) {
            said = w.getCause();
        }
        if (said instanceof AssertionError && said.getCause() != null) {
            said = said.getCause();
        } else if (said instanceof AssertionError && said.getSuppressed().length > 0) {
            said = said.getSuppressed()[0];
        }
        if (said instanceof BatchUpdateException batch && batch.getNextException() != null) {
            return batch.getNextException();
        }
        return said;
    }
}
