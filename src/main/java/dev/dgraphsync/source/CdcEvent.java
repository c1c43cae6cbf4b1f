package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of Dgraph's change data capture: a triple set or deleted ({@code operation}) on node {@code uid}, under
 * {@code predicate} ({@code Product.name}), at commit {@code commitTs}. A node deleted whole comes as one {@code del}
 * per predicate, its value {@code _STAR_ALL}; {@code dgraph.type} is never sent. A {@code drop} (of all data, a type or a
 * predicate) names no node: {@link #isDrop}.
 *
 * <p>Kafka carries the event itself; Dgraph's file sink writes it wrapped, one line each: {@code {"key": "0", "value":
 * {…}}}.
 */
public record CdcEvent(long commitTs, String type, String operation, long uid, String predicate, String change) {

    public static CdcEvent of(JsonNode message) {
        JsonNode event = message.has("meta") ? message : message.path("value");
        JsonNode change = event.path("event");
        long commitTs = event.path("meta").path("commit_ts").asLong(-1);
        String type = event.path("type").asText("");
        if (commitTs < 0 || type.isEmpty()) {
            throw new UnreadableCdcEventException("not an event of Dgraph's change data capture (no meta.commit_ts or"
                    + " type): " + abbreviated(message));
        }
        if (!"mutation".equals(type)) {
            return new CdcEvent(commitTs, type, change.path("operation").asText(""), 0, change.path("attr").asText(""),
                    change.toString());
        }
        long uid = change.path("uid").asLong(0);
        String predicate = change.path("attr").asText("");
        if (uid <= 0 || predicate.isEmpty()) {
            throw new UnreadableCdcEventException("a mutation event without a uid or an attr: " + abbreviated(message));
        }
        return new CdcEvent(commitTs, type, change.path("operation").asText(""), uid, predicate, change.toString());
    }

    /** A drop of data, a type or a predicate: any node may have changed. */
    public boolean isDrop() {
        return !"mutation".equals(type);
    }

    /** As the warehouse and the queries write a uid: {@code 0x2a}. */
    public String hexUid() {
        return "0x" + Long.toHexString(uid);
    }

    private static String abbreviated(JsonNode message) {
        String text = message.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
