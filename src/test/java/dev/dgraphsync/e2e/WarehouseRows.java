package dev.dgraphsync.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads what landed in the warehouse, as plain values (instants in UTC, numbers without trailing zeros). */
final class WarehouseRows {

    /**
     * Where each entity's sync stands ({@code sync_checkpoint} without its epoch, which every run's claim moves on,
     * whatever becomes of the run).
     */
    static final String CHECKPOINTS = "SELECT entity, cursor_from, next_from, after_uid, synced_columns, updated_at"
            + " FROM sync_checkpoint";


    private final String jdbcUrl;
    private final String user;
    private final String password;

    WarehouseRows(String jdbcUrl) {
        this(jdbcUrl, "");
    }

    WarehouseRows(String jdbcUrl, String password) {
        this(jdbcUrl, "sa", password);
    }

    WarehouseRows(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    List<Map<String, Object>> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData meta = r.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(), plain(r.getObject(i)));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rows keyed by their first column. */
    Map<String, Map<String, Object>> byKey(String sql) throws SQLException {
        Map<String, Map<String, Object>> rows = new TreeMap<>();
        for (Map<String, Object> row : query(sql)) {
            rows.put(String.valueOf(row.values().iterator().next()), row);
        }
        return rows;
    }

    /** How finely the warehouse keeps timestamps: H2 (as configured) nanoseconds, PostgreSQL microseconds. */
    java.time.temporal.ChronoUnit timestampUnit() {
        return jdbcUrl.startsWith("jdbc:postgresql:") ? java.time.temporal.ChronoUnit.MICROS
                : java.time.temporal.ChronoUnit.NANOS;
    }

    long count(String sql) throws SQLException {
        return ((Number) query(sql).get(0).values().iterator().next()).longValue();
    }

    static Object plain(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) { // PostgreSQL's driver, for TIMESTAMP WITH TIME ZONE
            return t.toInstant();
        }
        if (value instanceof BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        return value;
    }

    /**
     * The runs in {@code sync_run} that began before the run of their entity before them had ended (a FAILED run
     * before is left out: an instance killed under it never ended it), each as "run before / run".
     */
    List<String> overlappingRuns() throws SQLException {
        List<Map<String, Object>> runs = query("SELECT entity, instance, started_at, ended_at, status FROM sync_run"
                + " WHERE status <> 'RUNNING' ORDER BY entity, started_at");
        List<String> overlaps = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            Map<String, Object> before = runs.get(i - 1);
            Map<String, Object> run = runs.get(i);
            if (run.get("entity").equals(before.get("entity")) && !"FAILED".equals(before.get("status"))
                    && ((java.time.Instant) run.get("started_at")).isBefore((java.time.Instant) before.get("ended_at"))) {
                overlaps.add(before + " / " + run);
            }
        }
        return overlaps;
    }
}
