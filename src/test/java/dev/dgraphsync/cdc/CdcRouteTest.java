package dev.dgraphsync.cdc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint a user names, completed with what applying changes safely needs, and nothing they set overridden. */
class CdcRouteTest {

    @Test
    void aKafkaEndpointGoesOnFromTheWarehouseAndCommitsItsOffsetsAfterIt() {
        assertThat(CdcRoute.completed("kafka:dgraph-cdc?brokers=127.0.0.1:9092")).isEqualTo("kafka:dgraph-cdc?"
                + "brokers=127.0.0.1:9092&groupId=dgraph-sync&autoOffsetReset=earliest&sessionTimeoutMs=10000&autoCommitEnable=false"
                + "&allowManualCommit=true&kafkaManualCommitFactory=#kafkaCommitsAfterWarehouse"
                + "&offsetRepository=#warehouseOffsets");
    }

    @Test
    void whatTheUriSaysStays() {
        assertThat(CdcRoute.completed("kafka:dgraph-cdc?brokers=b:9092&groupId=mine&autoOffsetReset=latest"))
                .startsWith("kafka:dgraph-cdc?brokers=b:9092&groupId=mine&autoOffsetReset=latest&sessionTimeoutMs=10000"
                        + "&autoCommitEnable=false")
                .doesNotContain("groupId=dgraph-sync").doesNotContain("autoOffsetReset=earliest");
    }

    @Test
    void aFileReadWithRetryIsWatchedAndOtherwiseLeftAlone() {
        assertThat(CdcRoute.completed("stream:file?fileName=/d/sink.log&scanStream=true&retry=true"))
                .isEqualTo("stream:file?fileName=/d/sink.log&scanStream=true&retry=true&fileWatcher=true");
        assertThat(CdcRoute.completed("stream:file?fileName=/d/sink.log&scanStream=true"))
                .isEqualTo("stream:file?fileName=/d/sink.log&scanStream=true");
    }
}
