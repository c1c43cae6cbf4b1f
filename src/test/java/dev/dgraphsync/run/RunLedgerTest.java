package dev.dgraphsync.run;

import dev.dgraphsync.config.SyncSettings;
import java.util.Map;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunLedgerTest {

    @Test
    void aJobWhoseExecutionEndedWithoutRecordingItsRunCountsAsFailedAndIsNotWaitedFor() throws Exception {
        RunLedger ledger = once();
        ledger.ended("product", true);

        assertThat(ledger.executed("product")).as("its run was recorded").isFalse();
        assertThat(ledger.executed("review")).as("its thread died before recording").isTrue();

        long started = System.nanoTime();
        assertThat(ledger.awaitAll(List.of("product", "review"), Duration.ofMinutes(5))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void onceAdmitsEachJobOnlyOnce() {
        RunLedger ledger = once();

        assertThat(ledger.admit("product")).isTrue();
        assertThat(ledger.admit("product")).isFalse();
        assertThat(ledger.admit("review")).isTrue();
    }

    private static RunLedger once() {
        RunLedger ledger = new RunLedger();
        ledger.setSettings(SyncSettings.of(Map.of("dgraph.sync.once", "true")));
        return ledger;
    }
}
