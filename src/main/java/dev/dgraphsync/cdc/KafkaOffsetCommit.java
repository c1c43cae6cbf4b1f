package dev.dgraphsync.cdc;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * After the warehouse commit of a window, Kafka's: each partition's offset up to the window's last record of it
 * (camel-kafka's asynchronous manual commit, which the consumer's own thread carries out). camel-kafka 4.17 also
 * records the offset of every record the route has taken, so Kafka's offset can run ahead of the warehouse's; the
 * warehouse's position is the one a start goes on from ({@link KafkaStartPosition}). Nothing to do for a file.
 */
public class KafkaOffsetCommit implements Processor {

    @Override
    public void process(Exchange exchange) {
        for (Object commit : exchange.getMessage().getBody(CdcWindow.class).kafkaCommits()) {
            ((KafkaManualCommit) commit).commit();
        }
    }
}
