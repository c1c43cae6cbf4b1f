package dev.dgraphsync.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code sync_unstamped} table: per entity, what its last lookup of nodes without a cursor value found, so that
 * the next run (in the same process or the next {@code once}) goes on from there instead of looking across the whole
 * type again. A row lost or never written only costs that lookup. Each row names the cursor predicate it was found
 * for: once an entity follows another cursor, what was found for the old one is not used.
 */
public class UnstampedTable {

    /**
     * What the lookups of one entity found: the nodes without a cursor value, the type's highest uid, the uid the
     * next lookup of new nodes starts after (the highest the lookup before saw: a transaction that took its uid before
     * that lookup's and committed after it is still seen), and when the type was last looked at whole.
     */
    public record Found(long[] uids, String highest, String lookAfter, OffsetDateTime wholeTypeAt) {

        public boolean sameAs(Found other) {
            return other != null && Arrays.equals(uids, other.uids) && Objects.equals(highest, other.highest)
                    && Objects.equals(lookAfter, other.lookAfter) && wholeTypeAt.isEqual(other.wholeTypeAt);
        }
    }

    private WarehouseTables tables;

    public void setTables(WarehouseTables tables) {
        this.tables = tables;
    }

    /** What was found for the entity following this cursor predicate ({@code Type.field}), if anything. */
    public Optional<Found> load(String entity, String cursor) {
        return tables.read("reading " + WarehouseTables.UNSTAMPED, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT node_ids, highest_uid, look_after_uid, whole_type_at"
                    + " FROM " + WarehouseTables.UNSTAMPED + " WHERE entity = ? AND cursor_predicate = ?")) {
                s.setString(1, entity);
                s.setString(2, cursor);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    String ids = r.getString(1);
                    long[] uids = ids == null || ids.isEmpty() ? new long[0]
                            : Arrays.stream(ids.split(",")).mapToLong(id -> Long.parseUnsignedLong(id, 16)).toArray();
                    return Optional.of(new Found(uids, r.getString(2), r.getString(3),
                            r.getObject(4, OffsetDateTime.class)));
                }
            }
        });
    }

    public void save(String entity, String cursor, Found found) {
        Map<String, Object> row = new HashMap<>();
        row.put("entity", entity);
        row.put("cursor_predicate", cursor);
        row.put("node_ids", Arrays.stream(found.uids()).mapToObj(Long::toHexString).collect(Collectors.joining(",")));
        row.put("highest_uid", found.highest());
        row.put("look_after_uid", found.lookAfter());
        row.put("whole_type_at", found.wholeTypeAt());
        tables.upsert(tables.unstamped(), List.of(row));
    }

    /** Forgets what the lookups of an entity found: its next incremental run looks across the whole type. */
    public void forget(String entity) {
        tables.inTransaction("clearing " + WarehouseTables.UNSTAMPED, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + WarehouseTables.UNSTAMPED
                    + " WHERE entity = ?")) {
                s.setString(1, entity);
                return s.executeUpdate();
            }
        });
    }
}
