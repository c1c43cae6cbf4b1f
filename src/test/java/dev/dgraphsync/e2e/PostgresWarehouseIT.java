package dev.dgraphsync.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL as the warehouse: the failure tests of {@link WarehouseFailuresIT} against a real server (which crashes
 * by being stopped and started again), and what only a server has: a login, and its own column types.
 */
@ExtendWith(RealPostgres.class)
class PostgresWarehouseIT extends WarehouseFailuresIT {

    @Override
    SyncRunner syncRunner(Path dir) throws Exception {
        return RealPostgres.syncRunner(dir, "warehouse_failures");
    }

    @Override
    void crash(SyncRunner sync) throws Exception {
        RealPostgres.stop(); // pg_ctl stop -m fast: every connection is cut
        RealPostgres.start();
    }

    @Test
    void aWrongPasswordStopsWithExit2NamingTheSettingAndIsNeverShown() throws Exception {
        SyncRunner sync = syncRunner(dir);
        sync.set("warehouse.password", RecognisableSecrets.WAREHOUSE_PASSWORD);

        SyncRunner.Outcome outcome = sync.onceAsProcess(Map.of());

        assertThat(outcome.exit()).as(outcome.output()).isEqualTo(2);
        assertThat(outcome.output()).contains("dgraph-sync: warehouse.jdbc-url: cannot connect to the warehouse")
                .contains("password authentication failed for user \"" + RealPostgres.USER + "\"");
        RecognisableSecrets.assertNoneIn("the output", outcome.output());
        assertThat(sync.rows().count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"))
                .as("nothing written").isZero();
    }

    @Test
    void columnsHaveThePostgresTypesAndTextOfAnySizeLandsUnchanged() throws Exception {
        SyncRunner sync = syncRunner(dir);
        WarehouseRows warehouse = sync.rows();
        assertThat(sync.once()).isZero();

        assertThat(warehouse.byKey("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = 'product'")).satisfies(columns -> {
                    assertThat(columns.get("price")).containsEntry("data_type", "numeric");
                    assertThat(columns.get("description")).containsEntry("data_type", "text");
                    assertThat(columns.get("in_stock")).containsEntry("data_type", "boolean");
                    assertThat(columns.get("attributes_count")).containsEntry("data_type", "integer");
                    assertThat(columns.get("updated_at")).containsEntry("data_type", "timestamp with time zone");
                });
        String id = (String) warehouse.query("SELECT product_id FROM product ORDER BY product_id DESC LIMIT 1").get(0)
                .get("product_id");
        String big = RealDgraph.setMegabyteDescription(id);

        assertThat(sync.once()).isZero();

        assertThat(warehouse.query("SELECT description FROM product WHERE product_id = '" + id + "'"))
                .singleElement().satisfies(r -> assertThat(r.get("description")).isEqualTo(big));
        CatalogAssert.warehouseMatchesSource(warehouse);
    }
}
