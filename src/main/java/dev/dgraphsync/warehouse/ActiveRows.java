package dev.dgraphsync.warehouse;

import dev.dgraphsync.mapping.ColumnSpec;
import dev.dgraphsync.mapping.EntitySpec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an entity's active rows ({@code is_deleted = FALSE}) in Dgraph's uid order, a keyset page at a time, each
 * with its active edges: what {@code verify} holds against Dgraph. Dgraph orders uids as numbers; uids are
 * {@code 0x} and hex digits without leading zeros, so number order is (length, text) order: the pages walk each
 * length in turn, in key order.
 */
public class ActiveRows {

    /** A row: its uid, its values by column name, and its active edges as {@code RELATIONSHIP>target}. */
    public record ActiveRow(String uid, Map<String, Object> values, List<String> edges) {
    }

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    /** The shortest and longest uid of the entity's active rows; null when there is none. */
    public int[] uidLengths(EntitySpec entity) {
        return tables.read("reading " + entity.table(), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MIN(LENGTH(" + entity.key() + ")), MAX(LENGTH("
                    + entity.key() + ")) FROM " + entity.table() + " WHERE NOT is_deleted");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getObject(1) == null ? null : new int[]{r.getInt(1), r.getInt(2)};
            }
        });
    }

    /**
     * Up to {@code limit} rows whose uid has {@code length} characters and comes after {@code after} (null: the
     * first), with their edges; {@code longestSource} as {@link #longestSource} said.
     */
    public List<ActiveRow> page(EntitySpec entity, int length, String after, int limit, int longestSource) {
        String key = entity.key();
        StringBuilder sql = new StringBuilder("SELECT ").append(key);
        entity.columns().forEach(column -> sql.append(", ").append(column.name()));
        sql.append(" FROM ").append(entity.table()).append(" WHERE NOT is_deleted AND LENGTH(").append(key)
                .append(") = ?").append(after == null ? "" : " AND " + key + " > ?")
                .append(" ORDER BY ").append(key).append(" LIMIT ").append(limit);
        return tables.read("reading " + entity.table(), c -> {
            List<ActiveRow> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                s.setInt(1, length);
                if (after != null) {
                    s.setString(2, after);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        int i = 2;
                        for (ColumnSpec column : entity.columns()) {
                            values.put(column.name(), value(r, i++, column));
                        }
                        rows.add(new ActiveRow(r.getString(1), values, new ArrayList<>()));
                    }
                }
            }
            if (!rows.isEmpty() && !entity.edges().isEmpty()) {
                edges(c, entity, rows, length, length >= longestSource);
            }
            return rows;
        });
    }

    /** The longest source uid in {@code relationship}: pages of uids this long read their edges as one index range. */
    public int longestSource() {
        return tables.read("reading " + WarehouseTables.RELATIONSHIP, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(LENGTH(source_id)) FROM "
                    + WarehouseTables.RELATIONSHIP); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    /**
     * The page's active edges. Its uids are one length and consecutive in key order: when no source uid is longer,
     * one range of the {@code relationship_source} index holds their edges (and few others), quicker than looking
     * each uid up (69 pages of 1,000 products: 0.85 s against 1.1-1.4 s, warm); otherwise longer uids would crowd the range (every {@code 0x1…} lies between
     * {@code 0x1} and {@code 0x2}), and each uid is looked up.
     */
    private static void edges(Connection c, EntitySpec entity, List<ActiveRow> rows, int length, boolean range)
            throws SQLException {
        Map<String, List<String>> bySource = new java.util.HashMap<>();
        rows.forEach(row -> bySource.put(row.uid(), row.edges()));
        String sql = "SELECT source_id, relationship_type, target_id FROM " + WarehouseTables.RELATIONSHIP
                + " WHERE source_type = ? AND NOT is_deleted AND " + (range ? "source_id BETWEEN ? AND ? AND LENGTH(source_id) = ?"
                        : "source_id IN (" + UidConstants.of(entity.table() + "." + entity.key(),
                                rows.stream().map(ActiveRow::uid).toList()) + ")");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, entity.type());
            if (range) {
                s.setString(2, rows.get(0).uid());
                s.setString(3, rows.get(rows.size() - 1).uid());
                s.setInt(4, length);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    List<String> edges = bySource.get(r.getString(1));
                    if (edges != null) { // in a range, an edge of a row flagged deleted is none of this page's
                        edges.add(r.getString(2) + ">" + r.getString(3));
                    }
                }
            }
        }
    }

    /** Read as the sync wrote it: the same Java types {@code RowExtractor} makes from Dgraph. */
    private static Object value(ResultSet r, int i, ColumnSpec column) throws SQLException {
        Object value = switch (column.type()) {
            case TEXT, REF -> r.getString(i);
            case INTEGER, COUNT -> r.getLong(i);
            case DECIMAL -> r.getBigDecimal(i);
            case BOOLEAN -> r.getBoolean(i);
            case TIMESTAMP -> r.getObject(i, OffsetDateTime.class);
        };
        return r.wasNull() ? null : value;
    }
}
