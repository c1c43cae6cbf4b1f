package dev.dgraphsync.cdc;

import dev.dgraphsync.warehouse.CdcTable;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Before the consumer starts, its group goes on from the warehouse's position, not from what Kafka holds: camel-kafka
 * commits the offset of every record its route has taken, and this route takes a record into a window before the
 * warehouse has it, so after a kill Kafka's offset can be past the warehouse's. Set only while the group has no
 * member: one of a process killed a moment ago is waited for (its session, at most), another instance consuming keeps
 * its own; refused, the start goes on from Kafka's, and a gap shows it.
 */
final class KafkaStartPosition {

    private static final Logger LOG = LoggerFactory.getLogger("dgraph-sync");
    /** The consumer's session timeout CdcRoute sets: how long a killed member stays in its group. */
    static final int SESSION_SECONDS = 10;

    private KafkaStartPosition() {
    }

    static void resetTo(CamelContext context, String uri, CdcTable.Position stored) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        SourcePosition.offsets(stored).forEach((partition, offset) -> {
            int slash = partition.lastIndexOf('/');
            offsets.put(new TopicPartition(partition.substring(0, slash), Integer.parseInt(partition.substring(slash + 1))),
                    new OffsetAndMetadata(offset + 1));
        });
        if (offsets.isEmpty()) {
            return;
        }
        KafkaEndpoint endpoint = context.getEndpoint(uri, KafkaEndpoint.class);
        // The consumer's connection settings (servers, TLS, SASL), none of its own (an admin client refuses those)
        Properties consumer = endpoint.getConfiguration().createConsumerProperties();
        Properties properties = new Properties();
        consumer.forEach((key, value) -> {
            String name = String.valueOf(key);
            if (value != null && !String.valueOf(value).isEmpty() && (name.equals("bootstrap.servers") || name.startsWith("security.")
                    || name.startsWith("sasl.") || name.startsWith("ssl."))) {
                properties.put(name, value);
            }
        });
        String group = endpoint.getConfiguration().getGroupId();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SESSION_SECONDS + 15);
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
                    LOG.info("CDC: Kafka group {} goes on from the warehouse's position ({})", group, stored.offsets());
                    return;
                } catch (ExecutionException e) {
                    // A member of a process killed a moment ago stays in the group until its session times out.
                    if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    TimeUnit.SECONDS.sleep(1);
                }
            }
        } catch (Exception e) {
            LOG.info("CDC: Kafka group {} goes on from Kafka's own offsets ({}{})", group, e.getMessage(),
                    e.getCause() == null ? "" : ": " + e.getCause().getMessage());
        }
    }
}
