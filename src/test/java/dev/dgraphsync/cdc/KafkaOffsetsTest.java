package dev.dgraphsync.cdc;

import dev.dgraphsync.warehouse.CdcTable;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory.CamelExchangePayload;
import org.apache.camel.component.kafka.consumer.KafkaManualCommitFactory.KafkaRecordPayload;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka's offsets never pass the warehouse's: a partition given to the consumer goes on from the warehouse's position,
 * and Kafka commits only what a window's warehouse commit covers, on the consumer's thread.
 */
class KafkaOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("dgraph-cdc", 0);
    private final MockConsumer<Object, Object> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
    private final KafkaCommitsAfterWarehouse commits = new KafkaCommitsAfterWarehouse();

    @BeforeEach
    void assigned() {
        consumer.assign(List.of(P0));
    }

    @Test
    void aPartitionGoesOnFromTheOffsetTheWarehouseHolds() {
        WarehouseOffsets offsets = warehouseAt(new CdcTable.Position(31, "dgraph-cdc/0=41,dgraph-cdc/1=7"));

        assertThat(offsets.getState("dgraph-cdc/0")).isEqualTo("41");
        assertThat(offsets.getState("dgraph-cdc/1")).isEqualTo("7");
        assertThat(offsets.getState("dgraph-cdc/2")).isNull();
        offsets.setState("dgraph-cdc/0", "99");
        assertThat(offsets.getState("dgraph-cdc/0")).as("camel-kafka's own offsets do not move it").isEqualTo("41");
    }

    @Test
    void aPartitionTheWarehouseHasNoPositionForStartsWhereKafkaSays() {
        WarehouseOffsets offsets = warehouseAt(null);

        assertThat(offsets.getState("dgraph-cdc/0")).isNull();
    }

    @Test
    void recordsTakenIntoAWindowAreNotCommittedToKafka() {
        taken(40);
        taken(41);
        taken(42);

        assertThat(committed()).isEmpty();
    }

    @Test
    void aWindowsOffsetsAreCommittedByTheConsumersThreadAtItsNextRecord() {
        KafkaManualCommit first = taken(40);
        KafkaManualCommit last = taken(41);
        first.commit();
        last.commit();
        assertThat(committed()).as("noted, not yet committed: this is not the consumer's thread").isEmpty();

        taken(42);

        assertThat(committed()).containsEntry(P0, new OffsetAndMetadata(42));
    }

    /** The offsets of a warehouse whose stored position is this (null: none yet). */
    private static WarehouseOffsets warehouseAt(CdcTable.Position stored) {
        WarehouseOffsets offsets = new WarehouseOffsets();
        offsets.setTable(new CdcTable() {
            @Override
            public Position position() {
                return stored;
            }
        });
        return offsets;
    }

    /** A record the consumer takes: camel-kafka asks the factory for its manual commit on the consumer's thread. */
    private KafkaManualCommit taken(long offset) {
        return commits.newInstance(new CamelExchangePayload(null, consumer, "t", null),
                new KafkaRecordPayload(P0, offset, 1000), null);
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(P0));
        committed.values().removeIf(v -> v == null);
        return committed;
    }
}
