package dev.dgraphsync.run;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class PageCursorTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-01-01T10:00:00Z");
    private static final Duration LOOKBACK = Duration.ofMinutes(5);

    @Test
    void aFirstPassReadsEverythingAndTheNextStartsAtItsStartLessTheLookback() {
        PageCursor pass = PageCursor.initial().beginPass(T0, LOOKBACK);
        assertThat(pass.from()).isNull();
        assertThat(pass.inPass()).isTrue();
        assertThat(pass.passEnded()).isEqualTo(new PageCursor(T0.minus(LOOKBACK), null, null));
    }

    @Test
    void anInterruptedPassIsResumedWithItsOwnBoundsNotRestartedAtANewTime() {
        PageCursor interrupted = new PageCursor(T0, T0.plusHours(1), "0x4e2f");
        PageCursor resumed = interrupted.beginPass(T0.plusHours(3), LOOKBACK);
        assertThat(resumed).isEqualTo(interrupted);
    }

    @Test
    void advancingKeepsTheBoundsAndMovesOnlyThePosition() {
        PageCursor pass = new PageCursor(T0, T0.plusHours(1), null);
        assertThat(pass.advancedTo("0x10")).isEqualTo(new PageCursor(T0, T0.plusHours(1), "0x10"));
    }

    @Test
    void aPassThatEndedForgetsItsPositionSoTheNextPassStartsAtTheFirstUid() {
        PageCursor ended = new PageCursor(T0, T0.plusHours(1), "0x99").passEnded();
        assertThat(ended.afterUid()).isNull();
        assertThat(ended.inPass()).isFalse();
        assertThat(ended.from()).isEqualTo(T0.plusHours(1));
    }
}
