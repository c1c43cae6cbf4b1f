package dev.dgraphsync.warehouse;

import dev.dgraphsync.warehouse.WarehouseDialect.Column;

import java.util.List;

/** A warehouse table as this project writes it: the one place its columns are listed, for DDL and upserts alike. */
public record TableDef(String name, String key, List<Column> columns, List<String> insertOnly) {

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
