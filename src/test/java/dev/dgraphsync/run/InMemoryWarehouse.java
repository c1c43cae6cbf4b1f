package dev.dgraphsync.run;

import dev.dgraphsync.config.SyncSettings;
import dev.dgraphsync.mapping.EntityCatalog;
import dev.dgraphsync.warehouse.CheckpointTable;
import dev.dgraphsync.warehouse.RepairTable;
import dev.dgraphsync.warehouse.RunTable;
import dev.dgraphsync.warehouse.Warehouse;
import dev.dgraphsync.warehouse.WarehouseTables;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

/** For tests of the run's steps: a new H2 warehouse in memory for each call, and the catalog of config/entities. */
final class InMemoryWarehouse {

    private InMemoryWarehouse() {
    }

    static EntityCatalog catalog() {
        EntityCatalog catalog = new EntityCatalog();
        catalog.setDirectory("config/entities");
        catalog.load();
        return catalog;
    }

    static Warehouse h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE");
        return new Warehouse(h2);
    }

    /** The tables of a new warehouse for the catalog's entities, not made yet. */
    static WarehouseTables tables(EntityCatalog catalog) {
        WarehouseTables tables = new WarehouseTables();
        tables.setWarehouse(h2());
        tables.setCatalog(catalog);
        return tables;
    }

    /** An entity run's opener over these tables, with the default settings. */
    static RunOpener runOpener(WarehouseTables tables, EntityCatalog catalog, RepairTable repairs) {
        CheckpointTable checkpointTable = new CheckpointTable();
        checkpointTable.setTables(tables);
        CheckpointStore checkpoints = new CheckpointStore();
        checkpoints.setTable(checkpointTable);
        RunTable runTable = new RunTable();
        runTable.setTables(tables);
        RunHistory history = new RunHistory();
        history.setTable(runTable);
        RunLedger ledger = new RunLedger();
        ledger.setSettings(SyncSettings.defaults());
        RunOpener opener = new RunOpener();
        opener.setCatalog(catalog);
        opener.setCheckpoints(checkpoints);
        opener.setHistory(history);
        opener.setLedger(ledger);
        opener.setWriters(new WriterThreads());
        opener.setRepairs(repairs);
        opener.setSettings(SyncSettings.defaults());
        return opener;
    }
}
