package dev.dgraphsync.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyncRunTest {

    @Test
    void aRunsFirstPageHoldsOneBatchAndTheNextOnesAFullPageUntilOneComesBackShort() {
        SyncRun run = new SyncRun("product", null, null, 10_000, 1_000);

        assertThat(run.isMorePages()).isTrue();
        assertThat(run.nextPageSize()).isEqualTo(1_000);
        run.pageRead(1_000, "0x3e8");
        assertThat(run.isMorePages()).isTrue();
        assertThat(run.nextPageSize()).isEqualTo(10_000);
        run.pageRead(10_000, "0x2af8");
        assertThat(run.isMorePages()).isTrue();
        assertThat(run.nextPageSize()).isEqualTo(10_000);
        run.pageRead(9_999, "0x4e1f");

        assertThat(run.isMorePages()).isFalse();
        assertThat(run.readPosition()).isEqualTo("0x4e1f");
    }

    @Test
    void aShortFirstPageEndsThePassAndAPageSmallerThanABatchIsNeverEnlarged() {
        SyncRun small = new SyncRun("category", null, null, 10_000, 1_000);
        small.pageRead(999, "0x1");
        assertThat(small.isMorePages()).isFalse();

        SyncRun pagesOf100 = new SyncRun("user", null, null, 100, 1_000);
        assertThat(pagesOf100.nextPageSize()).isEqualTo(100);
    }
}
