package dev.dgraphsync.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ServiceLoader;

/**
 * The destination database: a pooled DataSource and the dialect spoken to it. Either given a DataSource (an
 * application server's, a Karaf service) or built from a JDBC URL as a HikariCP pool.
 */
public class Warehouse implements AutoCloseable {

    private DataSource dataSource;
    private String jdbcUrl;
    private String user;
    private String password;
    private int poolSize = 4;
    private long connectTimeoutMs = 10_000;
    private volatile WarehouseDialect dialect;

    public Warehouse() {
    }

    public Warehouse(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Connection connect() throws SQLException {
        return dataSource().getConnection();
    }

    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            config.setPoolName("dgraph-sync-warehouse");
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(poolSize);
            config.setConnectionTimeout(connectTimeoutMs);
            String driver = driverFor(jdbcUrl);
            if (driver != null) {
                config.setDriverClassName(driver);
            }
            try {
                dataSource = new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw new WarehouseUnavailableException(e.getCause() instanceof SQLException s ? s
                        : new SQLException(e.getMessage(), e));
            }
        }
        return dataSource;
    }

    /**
     * The driver that accepts the URL, found on this class's loader or the context class loader: Camel JBang and OSGi load drivers in a
     * class loader of their own, where {@link java.sql.DriverManager} does not look.
     */
    private static String driverFor(String url) {
        for (ClassLoader loader : new ClassLoader[]{Warehouse.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                try {
                    if (driver.acceptsURL(url)) {
                        return driver.getClass().getName();
                    }
                } catch (SQLException ignored) {
                    // a driver that cannot tell does not take the URL
                }
            }
        }
        return null;
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

    /** A connection closed under its user: SQLSTATE class 08, or PostgreSQL's 57P (the server shutting down). */
    public static boolean isConnectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a lost connection the pool's idle connections are suspect too (a warehouse restarted closes them all):
     * the pool lets them go, so the next connection is a new one.
     */
    public void renewConnections() {
        if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    @Override
    public void close() {
        if (dataSource instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    public void setDataSource(DataSource dataSource) { this.dataSource = dataSource; }
    public void setJdbcUrl(String jdbcUrl) { this.jdbcUrl = jdbcUrl; }
    public void setUser(String user) { this.user = user; }
    public void setPassword(String password) { this.password = password; }
    public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
    public void setConnectTimeoutMs(long connectTimeoutMs) { this.connectTimeoutMs = connectTimeoutMs; }
}
