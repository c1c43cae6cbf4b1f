package dev.dgraphsync.run;

import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.warehouse.Warehouse;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster's start-up check on the warehouse the instances would share. */
class QuartzClusterTest {

    @Test
    void theClusterOnAnH2WarehouseIsRefusedNamingTheSetting() {
        assertThatThrownBy(clusterOnH2("true")::requireSharedWarehouse).isInstanceOf(InvalidSettingException.class)
                .hasMessage("dgraph.cluster.enabled: the instances share their scheduler and their warehouse, which must"
                        + " be a PostgreSQL database; this one is not");
    }

    @Test
    void oneInstanceOnH2NeedsNothingOfTheCluster() {
        QuartzCluster single = clusterOnH2("false");
        assertThatCode(single::requireSharedWarehouse).doesNotThrowAnyException();
        assertThat(single.runningElsewhere("product")).isNull();
    }

    private static QuartzCluster clusterOnH2(String enabled) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        QuartzCluster cluster = new QuartzCluster();
        cluster.setSettings(SyncSettings.of(Map.of("dgraph.cluster.enabled", enabled)));
        cluster.setWarehouse(new Warehouse(h2));
        return cluster;
    }
}
