package dev.dgraphsync.warehouse;

import java.util.List;
import java.util.Map;

/** The {@code sync_verify} table: a row per entity per scheduled verification. */
public class VerifyTable {

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    /** {@code row}: a value per column of {@code sync_verify}. */
    public void write(Map<String, Object> row) {
        tables.upsert(tables.verify(), List.of(row));
    }
}
