package dev.dgraphsync.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change data capture through a real Kafka: the alpha runs with {@code --cdc kafka=…}, and {@code run} reads topic
 * {@code dgraph-cdc} (each test in a consumer group of its own, from the topic's first record).
 */
@ExtendWith({RealDgraph.class, RealPostgres.class, RealKafka.class})
class CdcKafkaIT extends ChangeDataCaptureSuite {

    @BeforeAll
    static void alphaWithCdcToKafka() throws Exception {
        RealDgraph.restartWithCdc("kafka=" + RealKafka.BROKERS);
    }

    @AfterAll
    static void alphaWithoutCdc() throws Exception {
        RealDgraph.restartWithCdc(null);
    }

    @Override
    String endpoint(String test) {
        return "kafka:" + RealKafka.TOPIC + "?brokers=" + RealKafka.BROKERS + "&groupId=" + test;
    }

    @Override
    Duration landsWithin() {
        return Duration.ofSeconds(30);
    }

    /**
     * While {@code run} is stopped, changes are made and retention deletes every record of the topic: the next event is
     * past the stored offset, so the gap is said and counted, and the passes and the deletes reconciliation bring what it
     * held (changes that moved {@code updatedAt}, and a delete).
     */
    @Test
    void aGapInTheTopicIsSaidAndMadeUpForByThePassesAndTheReconciliation() throws Exception {
        startCaughtUp();
        stop();
        long before = RealKafka.endOffset();
        GapChanges changes = changeInTheGap();
        // a rename and a delete of 10 predicates: 12 events at least
        org.awaitility.Awaitility.await("the gap's events in the topic").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> RealKafka.endOffset() >= before + 12);
        RealKafka.deleteEveryRecordSoFar();

        start();
        changeAfterTheGap(changes);
        awaitTheGapMadeUpFor(changes);
        assertThat(logs()).contains("CDC gap: Kafka partition dgraph-cdc/0 goes on at offset");
        stop();
        assertThat(sync.verify()).isZero();
    }

    /**
     * Kafka's committed offset past the warehouse's position (set by hand here; camel-kafka's own commit managers would
     * put it there, committing every record taken into a window before the warehouse has it): a restart goes on from the
     * warehouse's position, so a rename Kafka counts as consumed still lands, and no gap is said.
     */
    @Test
    void aRestartGoesOnFromTheWarehousesPositionNotFromKafkasOffset() throws Exception {
        startCaughtUp();
        stop();
        long before = RealKafka.endOffset();
        String id = products(1).get(0).path("id").asText();
        RealDgraph.renameWithoutStamp(id, "taken, not written");
        org.awaitility.Awaitility.await("the rename in the topic").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(100)).until(() -> RealKafka.endOffset() > before);
        RealKafka.commitGroupAt("aRestartGoesOnFromTheWarehousesPositionNotFromKafkasOffset", RealKafka.endOffset());

        start();
        awaitLanded("the rename", "SELECT COUNT(*) FROM product WHERE product_id = '" + id
                + "' AND name = 'taken, not written'");
        assertThat(logs()).doesNotContain("CDC gap: Kafka partition");
        stop();
        assertThat(sync.verify()).isZero();
    }
}
