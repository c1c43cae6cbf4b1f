package dev.dgraphsync.cdc;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.dgraphsync.warehouse.CdcTable;

/**
 * Where in its source an event was read: for Kafka its partition ({@code topic/partition}), offset, manual commit and
 * timestamp (Dgraph's send time), from camel-kafka's headers; nothing for a file. {@code seenAt} is when the source
 * got the change (Kafka's timestamp, else now).
 */
record SourcePosition(String partition, long offset, Object commit, OffsetDateTime seenAt) {

    static SourcePosition of(Exchange exchange) {
        Message m = exchange.getMessage();
        String topic = m.getHeader("kafka.TOPIC", String.class);
        Integer partition = m.getHeader("kafka.PARTITION", Integer.class);
        Long offset = m.getHeader("kafka.OFFSET", Long.class);
        Long timestamp = m.getHeader("kafka.TIMESTAMP", Long.class);
        OffsetDateTime seenAt = OffsetDateTime.ofInstant(timestamp == null ? Instant.now()
                : Instant.ofEpochMilli(timestamp), ZoneOffset.UTC);
        return new SourcePosition(topic == null || partition == null || offset == null ? null : topic + "/" + partition,
                offset == null ? -1 : offset, m.getHeader("CamelKafkaManualCommit"), seenAt);
    }

    /** {@code topic/partition=offset,…} as stored. */
    static Map<String, Long> offsets(CdcTable.Position stored) {
        Map<String, Long> offsets = new TreeMap<>();
        if (stored != null && stored.offsets() != null && !stored.offsets().isBlank()) {
            for (String entry : stored.offsets().split(",")) {
                int eq = entry.lastIndexOf('=');
                offsets.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
            }
        }
        return offsets;
    }

    static String format(Map<String, Long> offsets) {
        return offsets.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
