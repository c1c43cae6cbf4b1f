package dev.dgraphsync.run;

import dev.dgraphsync.mapping.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PageRowsTest {

    @Test
    void aPageHoldsNoRowOnceTheSplitHasHandedThemAllOver() {
        List<Row> rows = List.of(new Row(Row.Kind.NODE, null, "0x1", Map.of(), false),
                new Row(Row.Kind.EDGE, null, "0x1", Map.of(), true));
        PageRows page = new PageRows(rows);

        List<Row> handedOver = new ArrayList<>();
        page.forEach(handedOver::add);

        assertThat(handedOver).containsExactlyElementsOf(rows);
        assertThat(page.size()).isZero();
        assertThat(page.iterator().hasNext()).isFalse();
    }
}
