package dev.dgraphsync.cdc;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines of Dgraph's file sink that camel-stream read while the alpha had written only part of them. */
class WholeLinesTest {

    private static final String LINE = "{ \"key\": \"0\", \"value\": {\"meta\":{\"commit_ts\":31},\"type\":\"mutation\","
            + "\"event\":{\"operation\":\"set\",\"uid\":2,\"attr\":\"Product.name\",\"value\":\"a } in {a \\\" name\","
            + "\"value_type\":\"string\"}}}";

    private final WholeLines lines = new WholeLines();
    private final DefaultCamelContext context = new DefaultCamelContext();

    /** The line that goes on in the route, or null when the route stops here. */
    private String read(String line) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(line);
        lines.process(exchange);
        return exchange.isRouteStop() ? null : exchange.getMessage().getBody(String.class);
    }

    /** A sink cut to nothing while Dgraph kept writing at its offset: NUL bytes up to it, then the next line (the CI lost a rename this way). */
    @Test
    void aLineAfterTheNulBytesOfACutFileGoesOn() {
        assertThat(read("\0".repeat(5000) + LINE)).isEqualTo(LINE);
        assertThat(read("\0\0\0")).isNull();
    }

    @Test
    void aWholeLineGoesOnAsItIs() {
        assertThat(read(LINE)).isEqualTo(LINE);
    }

    @Test
    void aLineReadInTwoPartsGoesOnWholeOnce() {
        int cut = LINE.indexOf("commit_ts") + 12;
        assertThat(read(LINE.substring(0, cut))).isNull();
        assertThat(read(LINE.substring(cut))).isEqualTo(LINE);
        assertThat(read(LINE)).isEqualTo(LINE);
    }

    @Test
    void aPartCutAfterAClosingBraceIsStillAPart() {
        int cut = LINE.indexOf("\"string\"}") + 9;
        assertThat(read(LINE.substring(0, cut))).isNull();
        assertThat(read(LINE.substring(cut))).isEqualTo(LINE);
    }

    @Test
    void aPartFollowedByTheFileFromItsStartIsDropped() {
        assertThat(read(LINE.substring(0, 40))).isNull();
        assertThat(read(LINE)).as("the file opened again: its first line").isEqualTo(LINE);
        assertThat(read(LINE)).isEqualTo(LINE);
    }

    @Test
    void aBlankLineIsNoEvent() {
        assertThat(read("")).isNull();
        assertThat(read(LINE)).isEqualTo(LINE);
    }
}
