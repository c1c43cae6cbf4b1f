package dev.dgraphsync.verify;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verify that ends early (the other side failed) closes its warehouse reader in the middle of a read. An interrupt
 * there closes H2's file channel for every thread of the process (Java NIO), and a sync writing beside it fails with
 * "Reading from file … (length -1)" or "The database has been closed". {@link ReadAhead} never interrupts: here a
 * sync-like writer commits batches on an H2 file while readers over a table larger than H2's cache are closed at random
 * points, and the writer never fails. (With an interrupting close, this failed at the second cancel.)
 */
class ReadAheadCancelTest {

    private static final int ROWS = 30_000;
    private static final int PAGE = 2_000;

    @TempDir
    Path dir;

    @Test
    void aVerifyReaderClosedMidReadNeverClosesTheH2FileUnderAWriter() throws Exception {
        // A small cache, so that the reader's pages come from the file, as in a warehouse larger than H2's cache.
        String url = "jdbc:h2:file:" + dir.resolve("warehouse") + ";WRITE_DELAY=0;CACHE_SIZE=1024";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setMaximumPoolSize(6);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE relationship (id INT PRIMARY KEY, source_id VARCHAR(20), target_id VARCHAR(20),"
                        + " note VARCHAR(80))");
                s.execute("CREATE TABLE product (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(80))");
                s.execute("INSERT INTO relationship SELECT X, '0x' || X, '0x' || (X * 7), REPEAT('n', 60)"
                        + " FROM SYSTEM_RANGE(0, " + (ROWS - 1) + ")");
            }
            List<String> writerFailures = new CopyOnWriteArrayList<>();
            AtomicLong committed = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> write(pool, stop, committed, writerFailures), "sync-writer");
            writer.start();
            try {
                Random random = new Random(42);
                for (int cancel = 0; cancel < 12 && writerFailures.isEmpty(); cancel++) {
                    try (ReadAhead<String> reader = new ReadAhead<>("verify-warehouse", 2,
                            pages(pool, random.nextInt(ROWS / 2)))) {
                        long until = System.nanoTime() + (5 + random.nextInt(25)) * 1_000_000L;
                        while (System.nanoTime() < until && reader.next() != null) {
                            // the comparison takes the rows
                        }
                    }
                }
            } finally {
                stop.set(true);
                writer.join();
            }

            assertThat(writerFailures).as("what the writer beside the closed readers met").isEmpty();
            assertThat(committed).hasPositiveValue();
            try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT (SELECT COUNT(*) FROM relationship), (SELECT COUNT(*) FROM product)")) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(ROWS);
                assertThat(r.getLong(2)).as("every committed row").isEqualTo(committed.get());
            }
        }
    }

    /** Keyset pages of relationship from {@code from}, as verify reads the warehouse's rows. */
    private static ReadAhead.Pages<String> pages(HikariDataSource pool, int from) {
        int[] next = {from};
        return () -> {
            Deque<String> page = new ArrayDeque<>();
            try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT id, source_id, target_id FROM relationship WHERE id >= ? ORDER BY id LIMIT " + PAGE)) {
                s.setInt(1, next[0]);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        next[0] = r.getInt(1) + 1;
                        page.add(r.getString(2) + ">" + r.getString(3));
                    }
                }
            }
            return page;
        };
    }

    /** A sync's writer: batches of 1,000 rows, a commit each, until told to stop or the warehouse fails it. */
    private static void write(HikariDataSource pool, AtomicBoolean stop, AtomicLong committed, List<String> failures) {
        try (Connection c = pool.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO product (name) VALUES (?)")) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                for (int i = 0; i < 1000; i++) {
                    insert.setString(1, "product " + i);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                committed.addAndGet(1000);
            }
        } catch (SQLException e) {
            failures.add(e.getMessage());
        }
    }
}
