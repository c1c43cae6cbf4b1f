package dev.dgraphsync.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The window of nodes a pass reads by uid: what each page request carries, and where the page may end. */
class UnstampedWindowTest {

    private final UnstampedWindow window = UnstampedWindow.of(new long[] {0x40, 0x10, 0x20, 0x10, 0x11, 0x30});

    @Test
    void aRequestCarriesTheNextNodesAfterTheReadPositionInUidOrder() {
        assertThat(window.size()).as("repeats dropped").isEqualTo(5);
        assertThat(window.next(null, 2).carried()).containsExactly("0x10", "0x11");
        assertThat(window.next("0x11", 2).carried()).containsExactly("0x20", "0x30");
        assertThat(window.next("0x25", 10).carried()).as("after a uid between two of them").containsExactly(
                "0x30", "0x40");
        assertThat(window.next("0x40", 2).carried()).isEmpty();
    }

    @Test
    void aPageEndsAtTheLastCarriedNodeOnlyWhileMoreComeAfterIt() {
        UnstampedWindow.Share first = window.next(null, 2);
        assertThat(first.end()).isEqualTo("0x11");
        assertThat(first.holds("0x11")).isTrue();
        assertThat(first.holds("0x12")).as("a changed node after the end waits for the next page").isFalse();

        UnstampedWindow.Share last = window.next("0x11", 10);
        assertThat(last.end()).as("nothing left after it").isNull();
        assertThat(last.holds("0xffff")).isTrue();
    }

    @Test
    void nodesAfterTheEndAreLeftBehindWhenThePageCameBackShortOrHadRecordsAfterIt() {
        UnstampedWindow.Share share = window.next(null, 2);
        assertThat(share.leavesSomeBehind(true, false)).as("some carried nodes are gone").isTrue();
        assertThat(share.leavesSomeBehind(false, true)).as("a changed node after the end").isTrue();
        assertThat(share.leavesSomeBehind(false, false)).as("a full page up to its end").isFalse();
        assertThat(window.next("0x20", 10).leavesSomeBehind(true, true)).as("no end: nothing after it").isFalse();
    }
}
