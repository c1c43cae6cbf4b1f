package dev.dgraphsync.cdc;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * After the warehouse commit of a window, Kafka's: each partition's offset up to the window's last record of it, which
 * the consumer's own thread commits ({@link KafkaCommitsAfterWarehouse}). Nothing to do for a file.
 */
public class KafkaOffsetCommit implements Processor {

    @Override
    public void process(Exchange exchange) {
        for (Object commit : exchange.getMessage().getBody(CdcWindow.class).kafkaCommits()) {
            ((KafkaManualCommit) commit).commit();
        }
    }
}
