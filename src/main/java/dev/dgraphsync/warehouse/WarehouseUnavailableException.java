package dev.dgraphsync.warehouse;

import dev.dgraphsync.config.Secrets;

import java.sql.SQLException;

/** The warehouse cannot be reached; says so in terms of the setting a user controls. */
public class WarehouseUnavailableException extends RuntimeException {
    public WarehouseUnavailableException(SQLException cause) {
        super("warehouse.jdbc-url: cannot connect to the warehouse: " + Secrets.maskUrlCredentials(cause.getMessage()), cause);
    }
}
