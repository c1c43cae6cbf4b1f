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
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException withoutZone) {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        }
    }
}
