package dev.dgraphsync.warehouse;

import dev.dgraphsync.config.Secrets;

import java.sql.SQLException;

/**
 * The warehouse cannot be reached, or its connection was lost; at start, says so in terms of the setting a user
 * controls.
 */
public class WarehouseUnavailableException extends WarehouseException {

    public WarehouseUnavailableException(SQLException cause) {
        super("warehouse.jdbc-url: cannot connect to the warehouse: " + Secrets.maskUrlCredentials(cause.getMessage()),
                cause);
    }

    WarehouseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
