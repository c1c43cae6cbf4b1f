package dev.dgraphsync.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class SampleCatalogLoaderTest {

    @Test
    void aMillionRecordsAreStampedInThePast() {
        // At 1M products, 7 minutes a record once reached 2037: the incremental bench then re-read 397k products whose
        // updatedAt lay in the future.
        OffsetDateTime end = OffsetDateTime.parse("2026-02-01T00:00:00Z");
        for (int i : new int[]{1, 150_169, 150_171, 999_999, 1_999_999}) {
            assertThat(SampleCatalogLoader.created(i)).as("createdAt of record %d", i).isBefore(end);
            assertThat(SampleCatalogLoader.updated(i)).as("updatedAt of record %d", i).isBefore(end);
        }
    }

    @Test
    void smallCatalogsKeepTheirStamps() {
        assertThat(SampleCatalogLoader.created(1).toInstant()).isEqualTo("2024-01-01T00:07:00Z");
        assertThat(SampleCatalogLoader.updated(1).toInstant()).isEqualTo("2024-01-01T01:07:01.250Z");
        assertThat(SampleCatalogLoader.updated(2)).isEqualTo(SampleCatalogLoader.updated(4));
    }
}
