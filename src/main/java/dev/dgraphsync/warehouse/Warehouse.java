package dev.dgraphsync.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dgraphsync.config.InvalidSettingException;
import dev.dgraphsync.config.Setting;
import dev.dgraphsync.config.SyncSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The destination database: a pooled DataSource and the dialect spoken to it. Either given a DataSource (an
 * application server's, a Karaf service: by {@code warehouse.datasource-name}, the name of a DataSource bean in
 * Camel's registry) or built from a JDBC URL as a HikariCP pool. A DataSource it is given belongs to its host: it is
 * never closed here.
 */
public class Warehouse implements AutoCloseable, CamelContextAware {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dgraph-sync");

    private DataSource dataSource;
    private CamelContext camelContext;
    private HikariDataSource ownPool;
    private SyncSettings settings = SyncSettings.defaults();
    private volatile WarehouseDialect dialect;
    private volatile List<String> sessionSetup = List.of();

    public Warehouse() {
    }

    public Warehouse(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A pooled connection, set up as the dialect needs for the names in use ({@link #useNames}). */
    public Connection connect() throws SQLException {
        Connection c = dataSource().getConnection();
        if (!sessionSetup.isEmpty()) {
            try (Statement s = c.createStatement()) {
                for (String sql : sessionSetup) {
                    s.execute(sql);
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /** Bounds how long a transaction of this connection may wait on its client ({@link WarehouseDialect}). */
    public void limitIdleTransactions(Connection c) throws SQLException {
        List<String> limit = dialect().idleTransactionLimit();
        if (!limit.isEmpty()) {
            try (Statement s = c.createStatement()) {
                for (String sql : limit) {
                    s.execute(sql);
                }
            }
        }
    }

    /** The table and column names the connector's statements use: each connection is set up to read them as names. */
    public void useNames(Collection<String> names) {
        sessionSetup = List.copyOf(dialect().sessionSetup(names));
    }

    public synchronized DataSource dataSource() {
        if (dataSource == null && settings.isSet(Setting.DATASOURCE_NAME)) {
            dataSource = hostDataSource(settings.text(Setting.DATASOURCE_NAME));
        }
        if (dataSource == null) {
            String jdbcUrl = settings.text(Setting.JDBC_URL);
            HikariConfig config = new HikariConfig();
            config.setPoolName("dgraph-sync-warehouse");
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(settings.text(Setting.USER));
            config.setPassword(settings.text(Setting.PASSWORD));
            config.setMaximumPoolSize(settings.number(Setting.POOL_SIZE));
            config.setConnectionTimeout(settings.number(Setting.WAREHOUSE_CONNECT_TIMEOUT_MS));
            String driver = driverFor(jdbcUrl);
            if (driver != null) {
                config.setDriverClassName(driver);
            }
            try {
                ownPool = new HikariDataSource(config);
                dataSource = ownPool;
            } catch (RuntimeException e) {
                throw new WarehouseUnavailableException(e.getCause() instanceof SQLException s ? s
                        : new SQLException(e.getMessage(), e));
            }
        }
        return dataSource;
    }

    /** The host's DataSource bean of that name (Karaf binds its pax-jdbc DataSource service under it). */
    private DataSource hostDataSource(String name) {
        DataSource found = camelContext == null ? null
                : camelContext.getRegistry().lookupByNameAndType(name, DataSource.class);
        if (found == null) {
            throw new InvalidSettingException("warehouse.datasource-name", "no DataSource named '" + name
                    + "' in Camel's registry (leave the setting empty to use warehouse.jdbc-url)");
        }
        return found;
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

    /** The database's dialect, found on the first connection, which also runs the dialect's database setup. */
    public WarehouseDialect dialect() {
        if (dialect == null) {
            synchronized (this) {
                if (dialect == null) {
                    try (Connection c = dataSource().getConnection()) {
                        WarehouseDialect found = WarehouseDialect.forProduct(c.getMetaData().getDatabaseProductName());
                        setUp(c, found);
                        dialect = found;
                    } catch (SQLException e) {
                        throw new WarehouseUnavailableException(e);
                    }
                }
            }
        }
        return dialect;
    }

    private static void setUp(Connection c, WarehouseDialect dialect) {
        for (String sql : dialect.databaseSetup()) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                LOG.warn("warehouse: '{}' was refused ({}); the database keeps its own setting", sql, e.getMessage());
            }
        }
    }

    /**
     * Waits, for up to {@code warehouse.start-timeout-seconds}, until the warehouse can be reached: at start it may be
     * busy for a moment (an H2 file another process holds, a PostgreSQL still starting). Other failures (a wrong
     * password, no such database) and a wait that runs out are thrown at once.
     */
    public void awaitReachable() {
        long startTimeoutSeconds = settings.number(Setting.START_TIMEOUT_SECONDS);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(startTimeoutSeconds).toNanos();
        long pauseMs = 200;
        while (true) {
            try {
                dialect();
                return;
            } catch (WarehouseUnavailableException e) {
                if (!isBusy(e.getCause()) || System.nanoTime() + pauseMs * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.warn("warehouse: not reachable yet ({}); trying again for up to {} s (warehouse.start-timeout-seconds)",
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), startTimeoutSeconds);
            }
            try {
                Thread.sleep(pauseMs); // a retry's backoff
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new WarehouseUnavailableException(new SQLException("interrupted while waiting for the warehouse"));
            }
            pauseMs = Math.min(pauseMs * 2, 2_000);
        }
    }

    /**
     * A failure that passes: a connection refused or broken (SQLSTATE class 08, H2's 90067), a pool that gave no
     * connection in time, H2's database file held by another process (90020), PostgreSQL starting up or out of
     * connections (57P03, 53300). Not a refusal of the URL itself: H2 reports a setting it does not know or one given
     * twice (90066) as a {@link SQLNonTransientConnectionException} too, and trying it again cannot help.
     */
    static boolean isBusy(Throwable failure) {
        return anyCause(failure, t -> t instanceof SQLTransientConnectionException
                || sqlState(t).startsWith("08") || List.of("90020", "90067", "57P03", "53300").contains(sqlState(t)));
    }

    /**
     * A connection closed under its user: SQLSTATE class 08, PostgreSQL's 57P (the server shutting down), H2's 90098
     * (its database closed: the pool's connections to it are dead, though H2 still calls them valid).
     */
    public static boolean isConnectionLost(Throwable failure) {
        return anyCause(failure, t -> t instanceof SQLNonTransientConnectionException
                || t instanceof SQLTransientConnectionException
                || sqlState(t).startsWith("08") || sqlState(t).startsWith("57P") || sqlState(t).equals("90098"));
    }

    private static boolean anyCause(Throwable failure, java.util.function.Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE of an {@link SQLException}; empty for anything else, or none given. */
    private static String sqlState(Throwable t) {
        return t instanceof SQLException e && e.getSQLState() != null ? e.getSQLState() : "";
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

    /** Closes the pool this made; a DataSource the runtime gave stays the runtime's. */
    @Override
    public synchronized void close() {
        if (ownPool != null) {
            ownPool.close();
            ownPool = null;
            dataSource = null;
        }
    }

    /**
     * {@code warehouse.*}: the host's DataSource named by {@code warehouse.datasource-name}, else a pool on
     * {@code warehouse.jdbc-url}.
     */
    public void setSettings(SyncSettings settings) { this.settings = settings; }
    @Override public void setCamelContext(CamelContext camelContext) { this.camelContext = camelContext; }
    @Override public CamelContext getCamelContext() { return camelContext; }
}
