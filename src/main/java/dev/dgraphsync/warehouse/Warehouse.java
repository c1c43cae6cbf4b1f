package dev.dgraphsync.warehouse;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** The destination database: a pooled DataSource and the dialect spoken to it. */
public class Warehouse {

    private DataSource dataSource;
    private volatile WarehouseDialect dialect;

    public Warehouse() {
    }

    public Warehouse(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    public WarehouseDialect dialect() {
        if (dialect == null) {
            try (Connection c = connect()) {
                dialect = WarehouseDialect.forProduct(c.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new WarehouseUnavailableException(e);
            }
        }
        return dialect;
    }
}
