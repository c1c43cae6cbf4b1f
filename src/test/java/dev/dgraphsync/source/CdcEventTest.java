package dev.dgraphsync.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dgraph v25's change data capture events, as its Kafka sink and its file sink write them (measured). */
class CdcEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SET = "{\"meta\":{\"commit_ts\":31},\"type\":\"mutation\",\"event\":{\"operation\":\"set\","
            + "\"uid\":2,\"attr\":\"Product.name\",\"value\":\"alpha3\",\"value_type\":\"string\"}}";

    @Test
    void aKafkaRecordIsTheEventItself() throws Exception {
        CdcEvent event = CdcEvent.of(JSON.readTree(SET));
        assertThat(event.commitTs()).isEqualTo(31);
        assertThat(event.uid()).isEqualTo(2);
        assertThat(event.hexUid()).isEqualTo("0x2");
        assertThat(event.predicate()).isEqualTo("Product.name");
        assertThat(event.operation()).isEqualTo("set");
        assertThat(event.isDrop()).isFalse();
    }

    @Test
    void aFileSinkLineWrapsTheEventUnderValue() throws Exception {
        CdcEvent event = CdcEvent.of(JSON.readTree("{ \"key\": \"0\", \"value\": " + SET + "}"));
        assertThat(event).isEqualTo(CdcEvent.of(JSON.readTree(SET)));
    }

    @Test
    void aDeleteIsOneDelPerPredicateAndTwoEventsOfOneCommitAreToldApart() throws Exception {
        CdcEvent name = CdcEvent.of(JSON.readTree("{\"meta\":{\"commit_ts\":40},\"type\":\"mutation\",\"event\":"
                + "{\"operation\":\"del\",\"uid\":42,\"attr\":\"Product.name\",\"value\":\"_STAR_ALL\",\"value_type\":\"default\"}}"));
        CdcEvent sku = CdcEvent.of(JSON.readTree("{\"meta\":{\"commit_ts\":40},\"type\":\"mutation\",\"event\":"
                + "{\"operation\":\"del\",\"uid\":42,\"attr\":\"Product.sku\",\"value\":\"_STAR_ALL\",\"value_type\":\"default\"}}"));
        assertThat(name.operation()).isEqualTo("del");
        assertThat(name.hexUid()).isEqualTo("0x2a");
        assertThat(name.change()).isNotEqualTo(sku.change());
    }

    @Test
    void aDropNamesNoNode() throws Exception {
        CdcEvent drop = CdcEvent.of(JSON.readTree("{\"meta\":{\"commit_ts\":50},\"type\":\"drop\",\"event\":"
                + "{\"operation\":\"all\"}}"));
        assertThat(drop.isDrop()).isTrue();
    }

    @Test
    void aMessageThatIsNotAnEventIsRefusedNamingIt() throws Exception {
        assertThatThrownBy(() -> CdcEvent.of(JSON.readTree("{\"order\": 17, \"total\": 9.5}")))
                .isInstanceOf(UnreadableCdcEventException.class)
                .hasMessageContaining("not an event of Dgraph's change data capture")
                .hasMessageContaining("{\"order\":17,\"total\":9.5}");
        assertThatThrownBy(() -> CdcEvent.of(JSON.readTree("{\"meta\":{\"commit_ts\":5},\"type\":\"mutation\","
                + "\"event\":{\"operation\":\"set\"}}")))
                .isInstanceOf(UnreadableCdcEventException.class).hasMessageContaining("without a uid or an attr");
    }
}
