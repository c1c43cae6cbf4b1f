package dev.dgraphsync.warehouse;

import dev.dgraphsync.config.SyncSettings;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpecException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WarehouseTablesTest {

    private final EntityCatalog catalog = new EntityCatalog();

    WarehouseTablesTest() {
        catalog.setDirectory("config/entities");
        catalog.load();
    }

    @Test
    void theShippedEntitiesMakeEveryTable() throws Exception {
        WarehouseTables tables = tablesOn("NON_KEYWORDS=VALUE");
        tables.create();

        try (Connection c = tables.connect(); ResultSet r = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString("TABLE_NAME").toLowerCase());
            }
            assertThat(names).contains("attribute", "category", "product", "review", "app_user", "relationship",
                    "schema_metadata", "sync_checkpoint", "sync_run");
        }
    }

    /**
     * A plain DataSource (a host's, or a URL without NON_KEYWORDS or WRITE_DELAY): the spec's {@code attribute.value}
     * is made and written, and commits are durable, because the connector sets its own connections up.
     */
    @Test
    void aPlainH2DataSourceTakesTheSpecsValueColumnAndCommitsDurably() throws Exception {
        WarehouseTables tables = tablesOn("");
        tables.create();

        TableDef attribute = tables.entity(catalog.all().stream().filter(e -> e.table().equals("attribute"))
                .findFirst().orElseThrow());
        try (Connection c = tables.connect()) {
            tables.upsert(c, attribute, List.of(Map.of("attribute_id", "0x1", "value", "red")));
        }
        try (Connection plain = tables.warehouse().dataSource().getConnection();
             ResultSet value = plain.createStatement().executeQuery("SELECT \"VALUE\" FROM attribute");
             ResultSet delay = plain.createStatement().executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(value.next()).isTrue();
            assertThat(value.getString(1)).isEqualTo("red");
            List<String> delays = new ArrayList<>();
            while (delay.next()) {
                delays.add(delay.getString(1));
            }
            assertThat(delays).isNotEmpty().containsOnly("0");
        }
    }

    /** A name no setting frees (H2's FROM, ORDER…) stops the start, naming the file and what to change. */
    @Test
    void aTableTheDatabaseCannotMakeNamesTheEntityYamlAndWhatToChange(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("purchase.yaml"), """
                type: Purchase
                table: purchase
                key: purchase_id
                cursor: updatedAt
                columns:
                  - { name: order, field: order, type: TEXT }
                  - { name: updated_at, field: updatedAt, type: TIMESTAMP }
                """);
        catalog.setDirectory(dir.toString());
        catalog.load();

        assertThatThrownBy(tablesOn("")::create).isInstanceOf(EntitySpecException.class)
                .hasMessageStartingWith(dir.resolve("purchase.yaml") + ": the table 'purchase' cannot be made in H2")
                .hasMessageEndingWith("A table or column named like an SQL keyword of that database? Rename it here");
    }

    @Test
    void anEntityCannotTakeATableOfTheConnectorsOwn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("audit.yaml"), """
                type: Audit
                table: sync_run
                key: audit_id
                cursor: updatedAt
                columns:
                  - { name: updated_at, field: updatedAt, type: TIMESTAMP }
                """);
        catalog.setDirectory(dir.toString());
        catalog.load();

        assertThatThrownBy(tablesOn("")::create).isInstanceOf(EntitySpecException.class)
                .hasMessageContaining("audit.yaml: table: 'sync_run' is one of the connector's own tables");
    }

    /** The tables are made with one connection: a pool of one (warehouse.pool-size = 1) is enough to start. */
    @Test
    void aPoolOfOneConnectionMakesEveryTable() throws Exception {
        Warehouse pool = new Warehouse();
        pool.setSettings(SyncSettings.of(Map.of("warehouse.jdbc-url", "jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE", "warehouse.pool-size", "1", "warehouse.connect-timeout-ms", "250")));
        try (pool) {
            WarehouseTables tables = new WarehouseTables();
            tables.setWarehouse(pool);
            tables.setCatalog(catalog);

            tables.create();

            try (Connection c = tables.connect(); ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM sync_run")) {
                assertThat(r.next()).isTrue();
            }
        }
    }

    private WarehouseTables tablesOn(String urlOptions) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + (urlOptions.isEmpty() ? "" : ";" + urlOptions));
        WarehouseTables tables = new WarehouseTables();
        tables.setWarehouse(new Warehouse(h2));
        tables.setCatalog(catalog);
        return tables;
    }
}
