package dev.dgraphsync.warehouse;

import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.mapping.EntitySpecException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
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

    /** The shipped attribute entity has a column `value`, a keyword of H2 unless the URL says NON_KEYWORDS=VALUE. */
    @Test
    void aTableTheDatabaseCannotMakeNamesTheEntityYamlAndWhatToChange() {
        WarehouseTables tables = tablesOn("");

        assertThatThrownBy(tables::create).isInstanceOf(EntitySpecException.class)
                .hasMessageStartingWith("config/entities/attribute.yaml: the table 'attribute' cannot be made in H2")
                .hasMessageContaining("Rename it here, or add NON_KEYWORDS=THAT_WORD to warehouse.jdbc-url");
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
        pool.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE");
        pool.setUser("sa");
        pool.setPassword("");
        pool.setPoolSize(1);
        pool.setConnectTimeoutMs(250);
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
