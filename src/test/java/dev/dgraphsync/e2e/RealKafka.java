package dev.dgraphsync.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka (KRaft, one broker on 127.0.0.1) for the change data capture suite, from {@code bin/kafka-local}:
 * {@code bin/test} starts it before the suite and stops it after; a suite run without it starts it here, and stops it
 * when the suite ends.
 */
public final class RealKafka implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("KAFKA_IT_PORT", "19192"));
    static final String BROKERS = "127.0.0.1:" + PORT;
    static final Path HOME = Path.of("target/kafka-it").toAbsolutePath();
    static final String TOPIC = "dgraph-cdc";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static boolean checked;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (RealKafka.class) {
            if (!checked) {
                checked = true;
                if (script("status") != 0) {
                    if (script("start") != 0) {
                        throw new IllegalStateException("bin/kafka-local start failed (see its output above)");
                    }
                    context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(RealKafka.class.getName(), this);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        script("stop");
    }

    /** The offset the topic's next record will have. */
    static long endOffset() throws Exception {
        try (Admin admin = admin()) {
            return admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest())).partitionResult(PARTITION)
                    .get(30, TimeUnit.SECONDS).offset();
        }
    }

    /** What retention does to old records: every record of the topic so far is deleted. */
    static void deleteEveryRecordSoFar() throws Exception {
        long end = endOffset();
        try (Admin admin = admin()) {
            admin.deleteRecords(Map.of(PARTITION, RecordsToDelete.beforeOffset(end))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Commits this offset for the group (which has no member now), as camel-kafka does for records its route took. */
    static void commitGroupAt(String group, long offset) throws Exception {
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(group, Map.of(PARTITION,
                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(offset))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** The offset a consumer group has committed on the topic (-1: none). */
    static long committedOffset(String group) throws Exception {
        try (Admin admin = admin()) {
            var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .get(PARTITION);
            return committed == null ? -1 : committed.offset();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS));
    }

    private static int script(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/kafka-local", command).inheritIO();
        pb.environment().putAll(Map.of("KAFKA_HOME", HOME.toString(), "KAFKA_PORT", String.valueOf(PORT),
                "KAFKA_CONTROLLER_PORT", String.valueOf(PORT + 1)));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("bin/kafka-local " + command + " did not end within 5 minutes");
        }
        return p.exitValue();
    }
}
