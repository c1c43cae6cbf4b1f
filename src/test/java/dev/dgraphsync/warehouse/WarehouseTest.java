package dev.dgraphsync.warehouse;

import dev.dgraphsync.config.SyncSettings;
import java.util.Map;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarehouseTest {

    /**
     * A URL that H2 refuses as written (a setting given twice) fails the start with H2's reason, not after
     * {@code warehouse.start-timeout-seconds} of waiting for a warehouse that will never take it.
     */
    @Test
    void aUrlTheDatabaseRefusesIsNotWaitedFor() {
        Warehouse warehouse = new Warehouse();
        warehouse.setSettings(SyncSettings.of(Map.of("warehouse.jdbc-url", "jdbc:h2:mem:refused;WRITE_DELAY=0;WRITE_DELAY=500")));

        assertThatThrownBy(warehouse::awaitReachable)
                .isInstanceOf(WarehouseUnavailableException.class)
                .satisfies(e -> assertThat(Warehouse.isBusy(e.getCause())).as("retried as busy").isFalse())
                .hasMessageContaining("Duplicate property \"WRITE_DELAY\"");
        warehouse.close();
    }

    /** What passes is waited for: a refused connection, a pool out of time, a locked H2 file, PostgreSQL starting. */
    @Test
    void aWarehouseThatIsBusyForAMomentIsWaitedFor() {
        assertThat(Warehouse.isBusy(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(Warehouse.isBusy(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(Warehouse.isBusy(new SQLException("Database may be already in use", "90020"))).isTrue();
        assertThat(Warehouse.isBusy(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(Warehouse.isBusy(new SQLException("password authentication failed", "28P01"))).isFalse();
    }
}
