package dev.dgraphsync.mapping;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ValueReaderTest {

    /** What {@code java.time} makes of the text: the reading the hand-written fast form must equal. */
    private static OffsetDateTime byFormatter(String text) {
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException withoutZone) {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        }
    }

    @Test
    void readsEveryTimestampFormAsJavaTimeDoesInUtc() {
        for (String text : new String[]{
                "2024-05-01T10:00:00Z", "2024-05-01T10:00:00.5Z", "2024-05-01T10:00:00.123456789Z",
                "2024-05-01T10:00:00+05:30", "2024-05-01T01:00:00.250-08:00", "2024-12-31T23:59:59.999+14:00",
                "2024-02-29T00:00:00-00:30", "2024-05-01T10:00:00", "2024-05-01T10:00Z", "2024-05-01t10:00:00z",
                "2024-05-01T10:00:00.Z", "+12024-05-01T10:00:00Z"}) {
            OffsetDateTime read = ValueReader.instant(text);
            assertEquals(byFormatter(text), read, text);
            assertEquals(ZoneOffset.UTC, read.getOffset(), text);
        }
    }

    @Test
    void refusesWhatJavaTimeRefuses() {
        for (String text : new String[]{"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01T24:00:00Z",
                "2024-05-01T10:00:00+19:00", "2024-05-01T10:00:00.1234567890Z", "2024-05-01 10:00:00Z", "not a date", ""}) {
            assertThrows(DateTimeParseException.class, () -> ValueReader.instant(text), text);
        }
    }
}
