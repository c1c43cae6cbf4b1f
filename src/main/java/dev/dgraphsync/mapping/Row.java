package dev.dgraphsync.mapping;

import java.util.Map;

/**
 * One message of the split: a node row, one of its edge rows, or the end of a pass.
 * The rows of one Dgraph record travel together, node first; {@code closesRecord} marks the last of them, so a
 * batch is only ever cut between records and a checkpoint never covers a node without its edges.
 *
 * @param uid the record's uid: the position in the pass that a batch ending here has reached
 */
public record Row(Kind kind, EntitySpec entity, String uid, Map<String, Object> values, boolean closesRecord) {

    public enum Kind { NODE, EDGE, END }

    public static Row end(EntitySpec entity) {
        return new Row(Kind.END, entity, null, Map.of(), true);
    }

    public boolean isNode() {
        return kind == Kind.NODE;
    }

    public boolean isEnd() {
        return kind == Kind.END;
    }
}
