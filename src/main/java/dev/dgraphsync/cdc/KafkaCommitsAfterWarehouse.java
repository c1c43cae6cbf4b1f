package dev.dgraphsync.cdc;

import org.apache.camel.component.kafka.consumer.CommitManager;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * camel-kafka's manual commits (the endpoint's {@code kafkaManualCommitFactory}), made so that Kafka's offsets never
 * pass the warehouse's. A window's commit, made after its warehouse commit ({@link KafkaOffsetCommit}), only notes its
 * offsets; the consumer's own thread (a Kafka consumer must not be shared) commits what is noted when it takes its next
 * record. While no record comes, Kafka's offsets stay behind by the last window, which is the safe side: a start goes
 * on from the warehouse's position anyway ({@link WarehouseOffsets}).
 *
 * <p>Being none of camel-kafka's own factories, it also keeps camel-kafka from committing on its own: with them it
 * commits the offset of every record its route has taken, records still waiting in a window included.
 */
public class KafkaCommitsAfterWarehouse implements KafkaManualCommitFactory {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");
    private final Map<TopicPartition, Long> covered = new HashMap<>();

    /** Called on the consumer's thread for each record it takes: the moment to commit what the warehouse covers. */
    @Override
    public KafkaManualCommit newInstance(CamelExchangePayload exchange, KafkaRecordPayload record, CommitManager manager) {
        commitCovered(exchange.consumer);
        return () -> cover(record.partition, record.recordOffset);
    }

    private synchronized void cover(TopicPartition partition, long offset) {
        covered.merge(partition, offset, Math::max);
    }

    /** Called for every record: nothing is made unless a window has been committed since the last call. */
    private void commitCovered(Consumer<?, ?> consumer) {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        synchronized (this) {
            if (covered.isEmpty()) {
                return;
            }
            offsets = new HashMap<>();
            covered.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset + 1)));
            covered.clear();
        }
        consumer.commitAsync(offsets, (committed, e) -> {
            if (e != null) {
                LOG.debug("CDC: Kafka did not take the offsets {} ({}); the warehouse's position stands", offsets,
                        e.getMessage());
            }
        });
    }
}
