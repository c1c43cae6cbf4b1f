package dev.dgraphsync.warehouse;

import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.Map;

/** The {@code sync_verify} table: a row per entity per scheduled verification. */
public class VerifyTable {

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    /** {@code row}: a value per column of {@code sync_verify}. */
    public void write(Map<String, Object> row) throws SQLException {
        TableDef table = tables.verify();
        tables.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(tables.upsert(table))) {
                tables.bind(s, table, row::get);
                return s.executeUpdate();
            }
        });
    }
}
