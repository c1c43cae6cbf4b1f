package dev.dgraphsync.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real PostgreSQL server (Debian's package) as the warehouse, started once per test JVM by
 * {@code bin/postgres-local} on 127.0.0.1 with a data folder of its own, and stopped when the suite ends.
 */
public final class RealPostgres implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("POSTGRES_IT_PORT", "15433"));
    static final Path HOME = Path.of("target/postgres-it").toAbsolutePath();
    static final String USER = "dgraph_sync";
    static final String PASSWORD = "it-warehouse-password";
    private static boolean started;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RealPostgres.class) {
            if (!started) {
                script("start");
                started = true;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RealPostgres.class.getName(), this);
            }
        }
    }

    @Override
    public void close() throws Exception {
        script("stop");
    }

    static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + database;
    }

    /** An empty database of this name (dropped first if a previous test left one), as a JDBC URL. */
    static String newDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(url(USER), USER, PASSWORD); Statement s = c.createStatement()) {
            // An autovacuum worker on the old database (after a test wrote much) is not ours to end (42501): it ends soon.
            // Tried on this thread, whose connection it is.
            await("DROP DATABASE " + name).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).pollInSameThread()
                    .ignoreExceptionsMatching(e -> e instanceof SQLException sql && "42501".equals(sql.getSQLState()))
                    .until(() -> {
                        s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                        return true;
                    });
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** A sync into a new, empty database of this name. */
    static SyncRunner syncRunner(Path dir, String database) throws Exception {
        return new SyncRunner(dir).warehouse(newDatabase(database), USER, PASSWORD);
    }

    static void stop() throws Exception {
        script("stop");
    }

    static void start() throws Exception {
        script("start");
    }

    private static void script(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/postgres-local", command).inheritIO();
        pb.environment().putAll(Map.of("PG_HOME", HOME.toString(), "PG_PORT", String.valueOf(PORT),
                "PG_USER", USER, "PG_DATABASE", USER, "PG_PASSWORD", PASSWORD));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("bin/postgres-local " + command + " failed");
        }
    }
}
