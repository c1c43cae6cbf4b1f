package dev.dgraphsync.warehouse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * The tables of Quartz's clustered job store ({@code QRTZ_*}), in the warehouse: made from the script Quartz ships for
 * its database, once, when they are not there (the script's own DROPs are left out: nothing is ever dropped).
 */
public class QuartzTables {

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    /** Makes Quartz's tables when missing; instances starting at once make them one after another. */
    public void create() {
        String script = tables.warehouse().dialect().quartzTables();
        tables.read("making Quartz's tables", c -> {
            try (Statement s = c.createStatement()) {
                tables.lockSchema(s);
                try {
                    if (!exist(c)) {
                        for (String statement : statements(script)) {
                            s.execute(statement);
                        }
                    }
                } finally {
                    tables.unlockSchema(s);
                }
            }
            return null;
        });
    }

    /**
     * The instance of the shared scheduler that runs the job now, when it is one alive (checked in within
     * {@code aliveWithinMs}); null when none does.
     */
    public String runningInstance(String job, long aliveWithinMs) {
        return tables.read("reading Quartz's tables", c -> {
            if (!exist(c)) {
                return null;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT f.INSTANCE_NAME FROM QRTZ_FIRED_TRIGGERS f"
                    + " JOIN QRTZ_SCHEDULER_STATE i ON i.SCHED_NAME = f.SCHED_NAME AND i.INSTANCE_NAME = f.INSTANCE_NAME"
                    + " WHERE f.JOB_NAME = ? AND f.STATE = 'EXECUTING' AND i.LAST_CHECKIN_TIME > ?")) {
                s.setString(1, job);
                s.setLong(2, System.currentTimeMillis() - aliveWithinMs);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? r.getString(1) : null;
                }
            }
        });
    }

    private static boolean exist(Connection c) throws SQLException {
        for (String name : List.of("QRTZ_LOCKS", "qrtz_locks")) {
            try (ResultSet r = c.getMetaData().getTables(null, null, name, null)) {
                if (r.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The script's CREATE and ALTER statements. */
    static List<String> statements(String resource) {
        String text;
        try (InputStream in = org.quartz.Scheduler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Quartz has no " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Quartz's " + resource, e);
        }
        String code = String.join("\n", text.lines().filter(line -> !line.strip().startsWith("--")).toList());
        return Arrays.stream(code.split(";")).map(String::strip)
                .filter(s -> s.regionMatches(true, 0, "CREATE", 0, 6) || s.regionMatches(true, 0, "ALTER", 0, 5))
                .toList();
    }
}
