package dev.dgraphsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Turns a Dgraph JSON value into the Java value a column of a given type stores. */
public final class ValueReader {

    private ValueReader() {
    }

    /** Throws an {@link IllegalArgumentException} naming the value when it is not of the column's type. */
    public static Object read(JsonNode node, ColumnType type) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return convert(node, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("value " + abbreviate(node.toString()) + " is not a " + type, e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static Object convert(JsonNode node, ColumnType type) {
        return switch (type) {
            case TEXT -> node.isTextual() ? node.textValue() : node.toString();
            case INTEGER -> node.isIntegralNumber() ? node.longValue() : Long.parseLong(node.asText());
            case DECIMAL -> decimal(node);
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(node.asText());
            case TIMESTAMP -> instant(node.asText());
            case REF, COUNT -> throw new IllegalArgumentException(type + " columns are read from edges");
        };
    }

    /** Dgraph prints floats with %g ({@code 1.5e+06}); BigDecimal keeps the exact number that was printed. */
    static BigDecimal decimal(JsonNode node) {
        BigDecimal value = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    /**
     * Dgraph returns a DateTime with the offset it was stored with ({@code +05:30} stays); the warehouse keeps the
     * instant in UTC. A value without a zone is UTC, as Dgraph reads it.
     */
    public static OffsetDateTime instant(String text) {
        OffsetDateTime usual = usualForm(text);
        if (usual != null) {
            return usual;
        }
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException withoutZone) {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        }
    }

    /**
     * The form Dgraph prints, {@code 2024-05-01T10:00:00[.fraction](Z|±hh:mm)}, read by hand: {@code DateTimeFormatter}
     * costs several microseconds a value, a good part of a page's reading. Null for any other text (and for a value
     * out of range), which the formatter then reads or refuses as before.
     */
    private static OffsetDateTime usualForm(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19, nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i++) - '0');
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
            if ((oh | om) < 0 || oh > 18 || om > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        try {
            OffsetDateTime value = OffsetDateTime.of(year, month, day, hour, minute, second, nanos,
                    ZoneOffset.ofTotalSeconds(offsetSeconds));
            return offsetSeconds == 0 ? value : value.withOffsetSameInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException outOfRange) {
            return null;
        }
    }

    /** The number written with {@code count} decimal digits at {@code from}; -1 when any is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
