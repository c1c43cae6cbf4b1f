package dev.dgraphsync.warehouse;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The embedded default warehouse. */
public class H2Dialect implements WarehouseDialect {

    /**
     * The keywords of H2 2.4 that {@code SET NON_KEYWORDS} turns into plain names for every statement the connector
     * runs (found by trying each; the others, such as {@code FROM} or {@code ORDER}, stay keywords whatever is set).
     */
    static final Set<String> FREEABLE_KEYWORDS = Set.of("ALL", "AND", "AS", "ASYMMETRIC", "AUTHORIZATION", "BETWEEN",
            "CROSS", "DAY", "DEFAULT", "ELSE", "END", "EXCEPT", "FOR", "FULL", "HOUR", "IF", "IN", "INNER", "INTERSECT",
            "IS", "JOIN", "KEY", "LEFT", "LIKE", "LIMIT", "MINUS", "MINUTE", "MONTH", "NATURAL", "NULL", "ON", "OR",
            "RIGHT", "ROW", "ROWNUM", "SECOND", "SET", "SYMMETRIC", "UESCAPE", "UNION", "USING", "VALUE", "WHEN", "YEAR");

    /** The names among these that H2 would read as keywords (the spec's {@code attribute.value}) are names here. */
    @Override
    public List<String> sessionSetup(Collection<String> names) {
        String words = names.stream().map(n -> n.toUpperCase(Locale.ROOT)).filter(FREEABLE_KEYWORDS::contains)
                .distinct().sorted().collect(Collectors.joining(","));
        return words.isEmpty() ? List.of() : List.of("SET NON_KEYWORDS " + words);
    }

    /** Each commit on disk when it returns (H2 would otherwise write commits up to half a second later). */
    @Override
    public List<String> databaseSetup() {
        return List.of("SET WRITE_DELAY 0");
    }

    /**
     * One batch at a time: H2's MVStore has one writer in effect, and concurrent transactions retry their B-tree
     * updates against each other (measured at 100,000 products: 20% less wall time, 25% less CPU, one at a time).
     */
    @Override
    public boolean writesInParallel() {
        return false;
    }

    /**
     * No: H2's MVStore writes every page a commit touched anew, and edges' targets and references land on pages all
     * over their indexes, so each batch rewrote most of them. Measured at 100,000 products, full sync, side by side:
     * the product run's writes 15-20 s without these indexes against 35-40 s with them, the file 106 MB against
     * 822 MB. What used them (the deletes reconciliation) reads the tables once per statement instead, a statement per
     * 10,000 gone nodes (1,720 deletions at 100,000 products: 13.9 s; per node through the old indexes, 975 s).
     */
    @Override
    public boolean indexesReferences() {
        return false;
    }

    @Override
    public String textType() {
        return "CHARACTER VARYING";
    }

    /** DECFLOAT keeps any decimal exactly; H2's NUMERIC without a scale would round prices to integers. */
    @Override
    public String decimalType() {
        return "DECFLOAT";
    }

    /** Nanoseconds, as Dgraph keeps them (H2's default is microseconds). */
    @Override
    public String timestampType() {
        return "TIMESTAMP(9) WITH TIME ZONE";
    }

    @Override
    public java.time.temporal.ChronoUnit timestampUnit() {
        return java.time.temporal.ChronoUnit.NANOS;
    }

    @Override
    public String quartzDelegate() {
        return "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
    }

    @Override
    public String quartzTables() {
        return "org/quartz/impl/jdbcjobstore/tables_h2.sql";
    }
}
