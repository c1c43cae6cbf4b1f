package dev.dgraphsync.observe;

import dev.dgraphsync.warehouse.Warehouse;

import dev.dgraphsync.config.Secrets;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Camel health check {@code dgraph-sync/warehouse}: UP when a pooled connection to the warehouse is valid, DOWN when
 * none can be had. A readiness check, like the Dgraph one.
 */
public class WarehouseHealthCheck extends AbstractHealthCheck {

    private Warehouse warehouse;
    private Secrets secrets = new Secrets();

    public WarehouseHealthCheck() {
        super("dgraph-sync", "warehouse");
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = warehouse.connect()) {
            if (c.isValid(5)) {
                builder.up();
            } else {
                builder.message("the warehouse connection is not valid").down();
            }
        } catch (SQLException | RuntimeException e) {
            builder.message("the warehouse cannot be reached: " + secrets.redact(String.valueOf(e.getMessage()))).down();
        }
    }

    public void setWarehouse(Warehouse warehouse) { this.warehouse = warehouse; }
    public void setSecrets(Secrets secrets) { this.secrets = secrets; }
}
