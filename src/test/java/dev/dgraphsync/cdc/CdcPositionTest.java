package dev.dgraphsync.cdc;

import dev.dgraphsync.source.CdcEvent;
import dev.dgraphsync.warehouse.CdcTable;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What change data capture applies, against the position stored with the data: nothing twice over a commit, nothing
 * lost at the edge of a commit, and a source that cannot go on from the position is a gap.
 */
class CdcPositionTest {

    private final List<String> gaps = new ArrayList<>();
    private final DefaultCamelContext context = new DefaultCamelContext();

    private CdcPosition at(CdcTable.Position stored) {
        CdcTable table = new CdcTable() {
            @Override
            public Position position() {
                return stored;
            }
        };
        CdcGaps gapsSeen = new CdcGaps() {
            @Override
            public void found(String reason) {
                gaps.add(reason);
            }
        };
        CdcPosition position = new CdcPosition();
        position.setTable(table);
        position.setGaps(gapsSeen);
        return position;
    }

    private Exchange line(long commitTs, long uid, String attr) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(new CdcEvent(commitTs, "mutation", "set", uid, attr,
                "{\"uid\":" + uid + ",\"attr\":\"" + attr + "\"}"));
        return exchange;
    }

    private Exchange record(long offset, long commitTs, long uid, String attr) {
        Exchange exchange = line(commitTs, uid, attr);
        exchange.getMessage().setHeader("kafka.TOPIC", "dgraph-cdc");
        exchange.getMessage().setHeader("kafka.PARTITION", 0);
        exchange.getMessage().setHeader("kafka.OFFSET", offset);
        return exchange;
    }

    @Test
    void eventsBeforeTheStoredCommitAreSkippedAndThoseOfItTakenOnceMore() {
        CdcPosition position = at(new CdcTable.Position(20, ""));
        assertThat(position.isNew(line(10, 1, "Product.name"))).isFalse();
        assertThat(position.isNew(line(20, 2, "Product.name"))).as("the stored commit may span two windows").isTrue();
        assertThat(position.isNew(line(20, 2, "Product.name"))).as("the same event, read again").isFalse();
        assertThat(position.isNew(line(20, 3, "Product.name"))).isTrue();
        assertThat(position.isNew(line(21, 2, "Product.name"))).isTrue();
        assertThat(gaps).isEmpty();
    }

    @Test
    void aFileReadAgainFromItsFirstLineAppliesOnlyWhatIsNew() {
        CdcPosition position = at(null);
        assertThat(position.isNew(line(5, 1, "Product.name"))).isTrue();
        assertThat(position.isNew(line(6, 1, "Product.price"))).isTrue();
        assertThat(position.isNew(line(6, 2, "Product.price"))).isTrue();
        // camel-stream opens the file again: the same lines, then one more of commit 6, then commit 7
        assertThat(position.isNew(line(5, 1, "Product.name"))).isFalse();
        assertThat(position.isNew(line(6, 1, "Product.price"))).isFalse();
        assertThat(position.isNew(line(6, 2, "Product.price"))).isFalse();
        assertThat(position.isNew(line(6, 3, "Product.price"))).isTrue();
        assertThat(position.isNew(line(7, 1, "Product.name"))).isTrue();
        assertThat(gaps).isEmpty();
    }

    @Test
    void aFileWhoseFirstEventIsPastThePositionIsAGap() {
        CdcPosition position = at(new CdcTable.Position(100, ""));
        assertThat(position.isNew(line(130, 1, "Product.name"))).isTrue();
        assertThat(gaps).singleElement().asString().contains("first event is at commit_ts 130")
                .contains("position (commit_ts 100)");
    }

    @Test
    void aFileThatStillHoldsThePositionIsNoGap() {
        CdcPosition position = at(new CdcTable.Position(100, ""));
        assertThat(position.isNew(line(3, 1, "Product.name"))).isFalse();
        assertThat(position.isNew(line(130, 1, "Product.name"))).isTrue();
        assertThat(gaps).isEmpty();
    }

    @Test
    void aKafkaPartitionThatGoesOnPastTheStoredOffsetIsAGap() {
        CdcPosition position = at(new CdcTable.Position(100, "dgraph-cdc/0=41"));
        assertThat(position.isNew(record(57, 130, 1, "Product.name"))).isTrue();
        assertThat(gaps).singleElement().asString().contains("dgraph-cdc/0 goes on at offset 57")
                .contains("offset 41");
    }

    @Test
    void aKafkaPartitionThatGoesOnAtOrBeforeTheStoredOffsetIsNoGapAndWhatTheWarehouseHoldsIsSkipped() {
        CdcPosition position = at(new CdcTable.Position(100, "dgraph-cdc/0=41"));
        assertThat(position.isNew(record(40, 100, 1, "Product.name"))).isFalse();
        assertThat(position.isNew(record(41, 100, 2, "Product.name"))).isFalse();
        assertThat(position.isNew(record(42, 101, 1, "Product.name"))).isTrue();
        assertThat(position.isNew(record(42, 101, 1, "Product.name"))).as("sent again after a rebalance").isFalse();
        assertThat(gaps).isEmpty();
    }

    /** A cluster's groups send their events each on its own tick: a later record can carry an earlier commit. */
    @Test
    void aKafkaRecordOfAnEarlierCommitThanOneTakenIsStillTaken() {
        CdcPosition position = at(new CdcTable.Position(100, "dgraph-cdc/0=41"));
        assertThat(position.isNew(record(42, 105, 1, "Product.name"))).isTrue();
        assertThat(position.isNew(record(43, 103, 2, "Product.name"))).as("group 2's commit 103, sent after 105").isTrue();
        assertThat(gaps).isEmpty();
    }

    @Test
    void aDropIsAGapAndAppliesNothingItself() {
        CdcPosition position = at(new CdcTable.Position(100, ""));
        Exchange drop = new DefaultExchange(context);
        drop.getMessage().setBody(new CdcEvent(100, "drop", "all", 0, "", "{\"operation\":\"all\"}"));
        assertThat(position.isNew(line(50, 1, "Product.name"))).isFalse();
        assertThat(position.isNew(drop)).isFalse();
        assertThat(gaps).singleElement().asString().contains("'drop' event");
    }
}
