package dev.dgraphsync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process a test started ({@code camel run}, a Camel Main host, {@code bin/dgraph-sync}) with everything it prints
 * going to a log file, which its waits read; the process's end cuts a wait short, which then fails showing the log.
 */
record LoggedProcess(Process process, Path log) {

    static LoggedProcess start(ProcessBuilder command, Path log) throws IOException {
        return new LoggedProcess(command.redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** Everything the process has printed so far. */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the process has printed this (which it may have done just before it ended). */
    void awaitOutput(String text, Duration within) {
        await("'" + text + "' in " + log + ", or the process's end").atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> output().contains(text) || !process.isAlive());
        assertThat(output()).contains(text);
    }

    /**
     * Waits until a Camel host syncing on its own schedule into an H2 file has started the context of this name, one of
     * its product runs has succeeded and the warehouse holds this many products. A host that ends has failed.
     */
    void awaitProductsSynced(String context, WarehouseRows warehouse, long products, Duration within) {
        await(context + " started and its scheduled runs copied " + products + " products").atMost(within)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the host ended first", this::assertAlive)
                .ignoreExceptionsInstanceOf(SQLException.class) // tables not made yet, or the H2 file still locked
                .untilAsserted(() -> {
                    // Not one connection of ours before the context has started: it would make the host fail to open
                    // the H2 file on a lock ("Lock file recently modified").
                    assertThat(output()).contains("(" + context + ") started");
                    assertThat(warehouse.count("SELECT COUNT(*) FROM sync_run WHERE entity = 'product'"
                            + " AND status = 'SUCCEEDED'")).as("product runs succeeded").isPositive();
                    assertThat(warehouse.count("SELECT COUNT(*) FROM product")).as(this::output).isEqualTo(products);
                });
    }

    private void assertAlive() {
        assertThat(process.isAlive()).as(this::output).isTrue();
    }
}
