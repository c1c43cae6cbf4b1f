package dev.dgraphsync.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunLedgerTest {

    @Test
    void aJobWhoseExecutionEndedWithoutRecordingItsRunCountsAsFailedAndIsNotWaitedFor() throws Exception {
        RunLedger ledger = new RunLedger();
        ledger.setOnce(true);
        ledger.ended("product", true);

        assertThat(ledger.executed("product")).as("its run was recorded").isFalse();
        assertThat(ledger.executed("review")).as("its thread died before recording").isTrue();

        long started = System.nanoTime();
        assertThat(ledger.awaitAll(List.of("product", "review"), Duration.ofMinutes(5))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void onceAdmitsEachJobOnlyOnce() {
        RunLedger ledger = new RunLedger();
        ledger.setOnce(true);

        assertThat(ledger.admit("product")).isTrue();
        assertThat(ledger.admit("product")).isFalse();
        assertThat(ledger.admit("review")).isTrue();
    }
}
